using ResetTrail.Ingestion.Events;
using ResetTrail.Storage.Postgres.Events;
using Npgsql;
using ResetTrail.Accounts.Model;
using ResetTrail.Core.Access;
using ResetTrail.Core.Workflow;
using ResetTrail.Detection.Delivery;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.EvidenceLog.Storage;
using ResetTrail.Ingestion.Inbox;
using ResetTrail.Storage.Postgres.Accounts;
using ResetTrail.Storage.Postgres.Alerts;
using ResetTrail.Storage.Postgres.Cases;
using ResetTrail.Storage.Postgres.EvidenceLog;
using ResetTrail.Storage.Postgres.Inbox;
using ResetTrail.Storage.Postgres.Tokens;
using ResetTrail.StoreContract;

namespace ResetTrail.Storage.Postgres.Tests.Contract;

/// <summary>The store contract's PostgreSQL backend: a new database on the assembly's server per test.</summary>
internal sealed class PostgresBackend(PostgresServerFixture fixture) : StoreBackend
{
    public string Database { get; } = fixture.Server.CreateDatabase();

    public override IEvidenceLog Initialize() => PostgresEvidenceLog.Initialize(Database, Origin, KeyPath, Time).Value;

    public override IEvidenceLog Open(string? keyPath) => PostgresEvidenceLog.Open(Database, keyPath, Time).Value;

    public override ICaseStore Cases(IEvidenceLog log) => new PostgresCaseStore((PostgresEvidenceLog)log);

    public override ITokenStore Tokens(IEvidenceLog log) => new PostgresTokenStore(((PostgresEvidenceLog)log).DataSource);

    public override IInbox Inbox(IEvidenceLog log) => new PostgresInbox(((PostgresEvidenceLog)log).DataSource);

    public override IAccountStore Accounts(IEvidenceLog log) =>
        Owned(PostgresAccountStore.Open(((PostgresEvidenceLog)log).DataSource, Path.Combine(Folder, "secrets.key")).Value);

    public override IAlertOutbox AlertOutbox(IEvidenceLog log) => new PostgresAlertOutbox(((PostgresEvidenceLog)log).DataSource, Time);

    public override IEventStore Events(IEvidenceLog log) => new PostgresEventStore(((PostgresEvidenceLog)log).DataSource);

    public override VerifierKey RotateKey(IEvidenceLog log, string newKeyPath) => ((PostgresEvidenceLog)log).RotateKey(newKeyPath);

    public override void ReplaceEntry(ulong index, byte[] data) =>
        Tamper("UPDATE log_entries SET entry = $2 WHERE idx = $1", new NpgsqlParameter<long> { TypedValue = (long)index }, new NpgsqlParameter<byte[]> { TypedValue = data });

    public override void DeleteEntry(ulong index) => Tamper("DELETE FROM log_entries WHERE idx = $1", new NpgsqlParameter<long> { TypedValue = (long)index });

    public override void ClearCaseCaches() => Tamper("TRUNCATE case_index, case_entries, verification_failures, policy_versions");

    public override int RebuildIndexes(ICaseStore store) => ((PostgresCaseStore)store).RebuildIndexes();

    /// <summary>Terminates the session that holds the sequencer lock, and waits until it is gone.</summary>
    public override void BreakAppendInProgress()
    {
        using var connection = Connect();
        using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, connection);
        var terminated = (long)command.ExecuteScalar()!;
        if (terminated != 1)
        {
            throw new InvalidOperationException($"expected one session holding the sequencer, terminated {terminated}");
        }
    }

    public NpgsqlConnection Connect()
    {
        var connection = new NpgsqlConnection(PostgresDatabase.ConnectionString(Database).Value + ";Pooling=false");
        connection.Open();
        return connection;
    }

    private void Tamper(string sql, params NpgsqlParameter[] parameters)
    {
        using var connection = Connect();
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        command.ExecuteNonQuery();
    }
}

public sealed class PostgresEvidenceLogContract(PostgresServerFixture fixture) : EvidenceLogContract
{
    protected override StoreBackend NewBackend() => new PostgresBackend(fixture);
}

public sealed class PostgresCaseStoreContract(PostgresServerFixture fixture) : CaseStoreContract
{
    protected override StoreBackend NewBackend() => new PostgresBackend(fixture);
}

public sealed class PostgresServerStoresContract(PostgresServerFixture fixture) : ServerStoresContract
{
    protected override StoreBackend NewBackend() => new PostgresBackend(fixture);
}
