using ResetTrail.Accounts.Model;
using ResetTrail.Accounts.Secrets;
using ResetTrail.Core.Access;
using ResetTrail.Core.Workflow;
using ResetTrail.Detection.Delivery;
using ResetTrail.EvidenceLog;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.EvidenceLog.Storage;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Inbox;
using ResetTrail.Storage.Postgres;
using ResetTrail.Storage.Postgres.Accounts;
using ResetTrail.Storage.Postgres.Alerts;
using ResetTrail.Storage.Postgres.Cases;
using ResetTrail.Storage.Postgres.Events;
using ResetTrail.Storage.Postgres.EvidenceLog;
using ResetTrail.Storage.Postgres.Inbox;
using ResetTrail.Storage.Postgres.Notifications;
using ResetTrail.Storage.Postgres.Tokens;
using ResetTrail.Storage.Sqlite.Accounts;
using ResetTrail.Storage.Sqlite.Alerts;
using ResetTrail.Storage.Sqlite.Cases;
using ResetTrail.Storage.Sqlite.EvidenceLog;
using ResetTrail.Storage.Sqlite.Events;
using ResetTrail.Storage.Sqlite.Inbox;
using ResetTrail.Storage.Sqlite.Tokens;

namespace ResetTrail.Server.Hosting;

/// <summary>
/// The database the server runs on, opened once with its signing key: the evidence log, the cases, the stored identity
/// events, the API tokens and the real-time inbox, plus the local accounts and the alert outbox opened on demand.
/// Either the embedded SQLite file (the default) or a PostgreSQL database that several servers share (Db is a
/// postgres:// URL or a connection string); every request sees only the store interfaces (ADR 0043).
/// </summary>
public sealed class ServerDatabase : IDisposable
{
    private readonly Func<TimeProvider, Result<IAccountStore>> openAccounts;
    private readonly Func<TimeProvider, IAlertOutbox> openAlerts;
    private readonly IDisposable? inboxResource;
    private readonly PostgresLease? lease;

    private ServerDatabase(Parts parts)
    {
        lease = parts.Lease;
        Listener = parts.Listener;
        Name = parts.Name;
        IsShared = parts.IsShared;
        Log = parts.Log;
        Cases = parts.Cases;
        Tokens = parts.Tokens;
        Events = parts.Events;
        Inbox = parts.Inbox;
        inboxResource = parts.Inbox as IDisposable;
        openAccounts = parts.Accounts;
        openAlerts = parts.Alerts;
    }

    /// <summary>The database as named in the settings, without a password.</summary>
    public string Name { get; }

    /// <summary>True on PostgreSQL: other servers may append to the same log.</summary>
    public bool IsShared { get; }

    public IEvidenceLog Log { get; }

    public ICaseStore Cases { get; }

    public ITokenStore Tokens { get; }

    public IEventStore Events { get; }

    /// <summary>Real-time deliveries, durable before they are answered.</summary>
    public IInbox Inbox { get; }

    /// <summary>
    /// On PostgreSQL, what hears the other servers' committed deliveries and case steps (ADR 0049); null on SQLite,
    /// where this server is the only writer and its own signals say everything.
    /// </summary>
    public PostgresListener? Listener { get; }

    /// <summary>Opens or creates the database: SQLite when Db names a file, PostgreSQL when it is a URL or connection string.</summary>
    public static Result<ServerDatabase> OpenOrCreate(ServerSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return PostgresDatabase.IsPostgres(settings.Db) ? OpenPostgres(settings, time) : OpenSqlite(settings, time);
    }

    /// <summary>The local accounts, with the account secrets key (created when missing); the caller owns the store.</summary>
    public Result<IAccountStore> OpenAccounts(TimeProvider time) => openAccounts(time);

    /// <summary>Detection's alert outbox; the caller owns it.</summary>
    public IAlertOutbox OpenAlertOutbox(TimeProvider time) => openAlerts(time);

    /// <summary>
    /// Whether this server is the one that processes the inbox and runs detection. On SQLite always (one file, one
    /// server). On PostgreSQL the holder of a session advisory lock (<see cref="PostgresLease"/>): one server of the
    /// installation at a time; when it stops or dies another takes over at its next check.
    /// </summary>
    public bool TryLead() => lease?.TryHold() ?? true;

    public void Dispose()
    {
        lease?.Dispose();
        inboxResource?.Dispose();
        Log.Dispose();
    }

    /// <summary>Creates the file (schema, signing key, first checkpoint) when it does not exist.</summary>
    private static Result<ServerDatabase> OpenSqlite(ServerSettings settings, TimeProvider time)
    {
        var keyPath = settings.KeyFile ?? SigningKeyFile.DefaultPathFor(settings.Db);
        var opened = File.Exists(settings.Db)
            ? SqliteEvidenceLog.Open(settings.Db, keyPath, time)
            : SqliteEvidenceLog.Initialize(settings.Db, settings.Origin, keyPath, time);
        if (!opened.IsSuccess)
        {
            return Result<ServerDatabase>.Fail(opened.Error);
        }

        var log = opened.Value;
        return new ServerDatabase(new Parts(
            log.Path, false, log, new SqliteCaseStore(log), new SqliteTokenStore(log.Path), new SqliteEventStore(log.Path), new SqliteInbox(log.Path),
            t => Widen(SqliteAccountStore.Open(log.Path, t, settings.SecretsKeyFile)),
            t => SqliteAlertOutbox.Open(log.Path, t),
            null,
            null));
    }

    /// <summary>
    /// Opens the shared log, or creates it when the database holds none. The signing key and the account secrets key
    /// are files every server of the installation holds: KeyFile is required, SecretsKeyFile defaults to beside it.
    /// </summary>
    private static Result<ServerDatabase> OpenPostgres(ServerSettings settings, TimeProvider time)
    {
        if (settings.KeyFile is not { } keyPath)
        {
            return Result<ServerDatabase>.Fail(
                "a PostgreSQL database needs the signing key file every server shares: set KeyFile (--key FILE, $RESETTRAIL_KEYFILE or KeyFile in --config)");
        }

        var opened = PostgresEvidenceLog.OpenOrInitialize(settings.Db, settings.Origin, keyPath, time);
        if (!opened.IsSuccess)
        {
            return Result<ServerDatabase>.Fail(opened.Error);
        }

        var log = opened.Value;
        var secrets = settings.SecretsKeyFile ?? AccountSecretsKey.DefaultPathFor(keyPath);
        return new ServerDatabase(new Parts(
            log.Database, true, log, new PostgresCaseStore(log), new PostgresTokenStore(log.DataSource), new PostgresEventStore(log.DataSource),
            new PostgresInbox(log.DataSource),
            _ => Widen(PostgresAccountStore.Open(log.DataSource, secrets)),
            t => new PostgresAlertOutbox(log.DataSource, t),
            new PostgresLease(log.DataSource, PostgresLease.InboxKey),
            new PostgresListener(log.DataSource)));
    }

    private static Result<IAccountStore> Widen<T>(Result<T> opened)
        where T : IAccountStore => opened.IsSuccess ? Result<IAccountStore>.Ok(opened.Value) : Result<IAccountStore>.Fail(opened.Error);

    private sealed record Parts(
        string Name, bool IsShared, IEvidenceLog Log, ICaseStore Cases, ITokenStore Tokens, IEventStore Events, IInbox Inbox,
        Func<TimeProvider, Result<IAccountStore>> Accounts, Func<TimeProvider, IAlertOutbox> Alerts, PostgresLease? Lease, PostgresListener? Listener);
}
