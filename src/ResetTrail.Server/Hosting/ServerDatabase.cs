using ResetTrail.EvidenceLog;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.Storage.Sqlite.Cases;
using ResetTrail.Storage.Sqlite.EvidenceLog;
using ResetTrail.Storage.Sqlite.Events;
using ResetTrail.Storage.Sqlite.Inbox;
using ResetTrail.Storage.Sqlite.Tokens;

namespace ResetTrail.Server.Hosting;

/// <summary>
/// The one SQLite file the server runs on, opened once with its signing key: the evidence log, the cases, the
/// stored identity events and the API tokens. Every request shares it; the log serialises writers itself.
/// </summary>
public sealed class ServerDatabase : IDisposable
{
    private ServerDatabase(SqliteEvidenceLog log)
    {
        Log = log;
        Cases = new SqliteCaseStore(log);
        Tokens = new SqliteTokenStore(log.Path);
        Events = new SqliteEventStore(log.Path);
        Inbox = new SqliteInbox(log.Path);
    }

    public SqliteEvidenceLog Log { get; }

    public SqliteCaseStore Cases { get; }

    public SqliteTokenStore Tokens { get; }

    public SqliteEventStore Events { get; }

    /// <summary>Real-time deliveries, durable before they are answered.</summary>
    public SqliteInbox Inbox { get; }

    /// <summary>Opens the database, creating it (schema, signing key, first checkpoint) when the file does not exist.</summary>
    public static Result<ServerDatabase> OpenOrCreate(ServerSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var keyPath = settings.KeyFile ?? SigningKeyFile.DefaultPathFor(settings.Db);
        var opened = File.Exists(settings.Db)
            ? SqliteEvidenceLog.Open(settings.Db, keyPath, time)
            : SqliteEvidenceLog.Initialize(settings.Db, settings.Origin, keyPath, time);
        return opened.IsSuccess ? new ServerDatabase(opened.Value) : Result<ServerDatabase>.Fail(opened.Error);
    }

    public void Dispose()
    {
        Inbox.Dispose();
        Log.Dispose();
    }
}
