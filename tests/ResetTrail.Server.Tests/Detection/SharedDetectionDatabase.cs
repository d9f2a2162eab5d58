using ResetTrail.Detection.Config;
using ResetTrail.Detection.Delivery;
using ResetTrail.Server.Detection;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Ingest;
using ResetTrail.Testing;

namespace ResetTrail.Server.Tests.Detection;

/// <summary>
/// A real PostgreSQL database for servers that run detection together: the folder of the key files they share, the
/// Okta hook they accept, and the loopback webhook receiver their alerts go to (allowed lateness one minute).
/// Disposed after the servers that use it.
/// </summary>
internal sealed class SharedDetectionDatabase : IDisposable
{
    private readonly TemporaryPostgres postgres = TemporaryPostgres.Start();
    private readonly string keys;
    private readonly string secret = WebhookSecret.Generate();

    public SharedDetectionDatabase(string name)
    {
        Database = postgres.CreateDatabase(name);
        keys = Directory.CreateTempSubdirectory($"resettrail-{name}-keys-").FullName;
        Receiver = new WebhookReceiver(WebhookSecret.Parse(secret)!, refuse: 0);
    }

    public string Database { get; }

    public WebhookReceiver Receiver { get; }

    public DetectionConfig Config { get; } = DetectionConfig.Default with { AllowedLateness = TimeSpan.FromMinutes(1) };

    /// <summary>A server on the database; <paramref name="poll"/>, when given, is both its inbox poll and its case poll.</summary>
    public Task<RunningServer> StartServerAsync(TimeSpan? poll = null)
    {
        var ingest = new IngestSettings { OktaHookSecret = OktaHook.Secret };
        var detection = new DetectionSettings { Config = Config, WebhookUrl = Receiver.Url, WebhookSecret = WebhookSecret.Parse(secret) };
        return RunningServer.StartAsync(settings => settings with
        {
            Db = Database,
            KeyFile = Path.Combine(keys, "log.key"),
            Ingest = poll is { } p ? ingest with { InboxPoll = p } : ingest,
            Detection = poll is { } q ? detection with { CasePoll = q } : detection,
        });
    }

    public void Dispose()
    {
        Receiver.Dispose();
        Directory.Delete(keys, recursive: true);
        postgres.Dispose();
    }
}
