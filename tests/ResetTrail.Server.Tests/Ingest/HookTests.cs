using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ResetTrail.Core.Access;
using ResetTrail.Ingestion.Realtime;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Ingest;
using ResetTrail.Ingestion.Inbox;

namespace ResetTrail.Server.Tests.Ingest;

/// <summary>
/// Real-time ingestion over real HTTP and real sockets: Okta Event Hooks as Okta's documentation describes them (no
/// Okta org can call this machine; the payload is the shared sample fixture), the signed webhook and syslog.
/// </summary>
public sealed class HookTests
{
    private const string OktaSecret = "okta-hook-secret-of-at-least-32-characters";
    private const string WebhookSecret = "webhook-secret-of-at-least-32-characters!";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<RunningServer> Start(IPEndPoint? syslog = null) => RunningServer.StartAsync(s => s with
    {
        Ingest = new IngestSettings { OktaHookSecret = OktaSecret, WebhookSecret = WebhookSecret, SyslogTcp = syslog },
    });

    private static byte[] OktaHookFixture()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "ResetTrail.Ingestion.Tests", "TestData", "okta", "fixtures", "event-hook.json");
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }

        throw new FileNotFoundException("the Okta Event Hook fixture of the ingestion tests");
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true within 30 s");
            await Task.Delay(50, Cancel);
        }
    }

    [Fact]
    public async Task Okta_verification_echoes_the_challenge_to_the_holder_of_the_secret_only()
    {
        await using var server = await Start();
        using var client = server.Anonymous();
        using var verify = new HttpRequestMessage(HttpMethod.Get, "hooks/okta");
        verify.Headers.Add("Authorization", OktaSecret);
        verify.Headers.Add("X-Okta-Verification-Challenge", "Zx9nS-challenge");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "hooks/okta");
        wrong.Headers.Add("Authorization", OktaSecret + "x");
        wrong.Headers.Add("X-Okta-Verification-Challenge", "Zx9nS-challenge");

        using var answer = await client.SendAsync(verify, Cancel);
        using var refused = await client.SendAsync(wrong, Cancel);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("""{"verification":"Zx9nS-challenge"}""", await answer.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("RT-3202", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.DoesNotContain(OktaSecret, server.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_okta_delivery_is_durable_when_answered_and_its_events_are_stored()
    {
        await using var server = await Start();
        using var client = server.Anonymous();
        using var post = new HttpRequestMessage(HttpMethod.Post, "hooks/okta") { Content = new ByteArrayContent(OktaHookFixture()) };
        post.Headers.Add("Authorization", OktaSecret);

        using var answer = await client.SendAsync(post, Cancel);
        var id = (await answer.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using (var connection = Storage.Sqlite.SqliteDatabase.Open(server.Database.Name, create: false))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT count(*) FROM inbox WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            Assert.Equal(1L, (long)command.ExecuteScalar()!); // committed before the answer
        }

        await Eventually(() => server.Database.Inbox.PendingCount() == 0);
        Assert.Equal(5, server.Database.Events.Count());
    }

    [Fact]
    public async Task The_webhook_takes_a_valid_signature_or_an_iam_administrators_token_and_nothing_else()
    {
        await using var server = await Start();
        var body = OktaHookFixture();
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), body));
        using var anonymous = server.Anonymous();
        using var iam = server.ClientAs("iam.admin", Role.IamAdmin);
        using var desk = server.ClientAs("desk.agent", Role.DeskAgent);

        async Task<HttpStatusCode> Post(HttpClient client, string? header)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "hooks/events/okta") { Content = new ByteArrayContent(body) };
            if (header is not null)
            {
                request.Headers.Add(HookEndpoints.SignatureHeader, header);
            }

            using var response = await client.SendAsync(request, Cancel);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Post(anonymous, signature));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(anonymous, signature[..^1] + (signature[^1] == '0' ? '1' : '0')));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(anonymous, null));
        Assert.Equal(HttpStatusCode.OK, await Post(iam, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(desk, null));
        await Eventually(() => server.Database.Inbox.PendingCount() == 0);
        Assert.Equal(5, server.Database.Events.Count()); // the same five events twice: stored once
    }

    [Fact]
    public async Task Deliveries_accepted_before_a_crash_are_processed_when_the_server_starts()
    {
        // What a crash leaves: deliveries committed to the inbox, never processed. Written straight into the
        // database of a server that is not running, then the server starts on that file.
        var folder = Path.Combine(Path.GetTempPath(), "resettrail-inbox-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var db = Path.Combine(folder, "server.db");
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        var settings = new ServerSettings { Db = db, Urls = "http://127.0.0.1:0" };
        using (var before = ServerDatabase.OpenOrCreate(settings, time).Value)
        {
            before.Inbox.Accept(new InboxDelivery(DeliveryChannels.OktaEventHook, "okta", "127.0.0.1", OktaHookFixture()), time.GetUtcNow());
        }

        var database = ServerDatabase.OpenOrCreate(settings, time).Value;
        var app = ServerHost.Build(settings, database, time, logging => { });
        await app.StartAsync(Cancel);
        try
        {
            await Eventually(() => database.Inbox.PendingCount() == 0);
            Assert.Equal(5, database.Events.Count());
        }
        finally
        {
            await app.StopAsync(Cancel);
            await app.DisposeAsync();
            database.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_windows_event_over_syslog_is_stored_like_one_from_a_file()
    {
        await using var server = await Start(new IPEndPoint(IPAddress.Loopback, 0));
        var endpoint = server.Services.GetRequiredService<SyslogService>().TcpEndpoint!;
        var xml = string.Concat(File.ReadAllLines(FixturePath("windows", "event-4724.event.xml"))
            .Select(l => l.TrimStart().StartsWith("- <", StringComparison.Ordinal) ? l.TrimStart()[2..] : l.Trim()));
        var message = Encoding.UTF8.GetBytes("<86>1 2015-08-22T01:58:21Z DC01 Microsoft-Windows-Security-Auditing - 4724 - " + xml);
        using var client = new TcpClient();

        await client.ConnectAsync(endpoint, Cancel);
        byte[] frame = [.. Encoding.ASCII.GetBytes($"{message.Length} "), .. message];
        await client.GetStream().WriteAsync(frame, Cancel);

        await Eventually(() => server.Database.Events.Count() == 1);
        Assert.Equal("4724", server.Database.Events.ReadAll().Single().SourceEventType);
    }

    private static string FixturePath(string source, string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "ResetTrail.Ingestion.Tests", "TestData", source, file);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException(file);
    }
}
