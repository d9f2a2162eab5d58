using ResetTrail.Ingestion.Events;
using ResetTrail.Storage.Sqlite.Events;
using Microsoft.Data.Sqlite;
using ResetTrail.Accounts.Model;
using ResetTrail.Core.Access;
using ResetTrail.Core.Workflow;
using ResetTrail.Detection.Delivery;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.EvidenceLog.Storage;
using ResetTrail.Ingestion.Inbox;
using ResetTrail.Storage.Sqlite.Accounts;
using ResetTrail.Storage.Sqlite.Alerts;
using ResetTrail.Storage.Sqlite.Cases;
using ResetTrail.Storage.Sqlite.EvidenceLog;
using ResetTrail.Storage.Sqlite.Inbox;
using ResetTrail.Storage.Sqlite.Tokens;
using ResetTrail.StoreContract;

namespace ResetTrail.Storage.Sqlite.Tests.Contract;

/// <summary>The store contract's SQLite backend: one database file per test in the backend's folder.</summary>
internal sealed class SqliteBackend : StoreBackend
{
    private string Database => Path.Combine(Folder, "log.db");

    public override IEvidenceLog Initialize() => SqliteEvidenceLog.Initialize(Database, Origin, KeyPath, Time).Value;

    public override IEvidenceLog Open(string? keyPath) => SqliteEvidenceLog.Open(Database, keyPath, Time).Value;

    public override ICaseStore Cases(IEvidenceLog log) => new SqliteCaseStore((SqliteEvidenceLog)log);

    public override ITokenStore Tokens(IEvidenceLog log) => new SqliteTokenStore(Database);

    public override IInbox Inbox(IEvidenceLog log) => Owned(new SqliteInbox(Database));

    public override IAccountStore Accounts(IEvidenceLog log) => Owned(SqliteAccountStore.Open(Database, Time, Path.Combine(Folder, "secrets.key")).Value);

    public override IAlertOutbox AlertOutbox(IEvidenceLog log) => Owned(SqliteAlertOutbox.Open(Database, Time));

    public override IEventStore Events(IEvidenceLog log) => new SqliteEventStore(Database);

    public override VerifierKey RotateKey(IEvidenceLog log, string newKeyPath) => ((SqliteEvidenceLog)log).RotateKey(newKeyPath);

    public override void ReplaceEntry(ulong index, byte[] data) => Tamper("UPDATE log_entries SET entry = $data WHERE idx = $idx", index, data);

    public override void DeleteEntry(ulong index) => Tamper("DELETE FROM log_entries WHERE idx = $idx", index, null);

    public override void ClearCaseCaches() =>
        Tamper("DELETE FROM case_index; DELETE FROM case_entries; DELETE FROM verification_failures; DELETE FROM policy_versions;", 0, null);

    public override int RebuildIndexes(ICaseStore store) => ((SqliteCaseStore)store).RebuildIndexes();

    public override void BreakAppendInProgress() => throw new IOException("the disk went away in the middle of an append (simulated)");

    private void Tamper(string sql, ulong index, byte[]? data)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$idx", (long)index);
        if (data is not null)
        {
            command.Parameters.AddWithValue("$data", data);
        }

        command.ExecuteNonQuery();
    }
}

public sealed class SqliteEvidenceLogContract : EvidenceLogContract
{
    protected override StoreBackend NewBackend() => new SqliteBackend();
}

public sealed class SqliteCaseStoreContract : CaseStoreContract
{
    protected override StoreBackend NewBackend() => new SqliteBackend();
}

public sealed class SqliteServerStoresContract : ServerStoresContract
{
    protected override StoreBackend NewBackend() => new SqliteBackend();
}
