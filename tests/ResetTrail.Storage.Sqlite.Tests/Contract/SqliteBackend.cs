using Microsoft.Data.Sqlite;
using ResetTrail.Core.Workflow;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.EvidenceLog.Storage;
using ResetTrail.Storage.Sqlite.Cases;
using ResetTrail.Storage.Sqlite.EvidenceLog;
using ResetTrail.StoreContract;

namespace ResetTrail.Storage.Sqlite.Tests.Contract;

/// <summary>The store contract's SQLite backend: one database file per test in the backend's folder.</summary>
internal sealed class SqliteBackend : StoreBackend
{
    private string Database => Path.Combine(Folder, "log.db");

    public override IEvidenceLog Initialize() => SqliteEvidenceLog.Initialize(Database, Origin, KeyPath, Time).Value;

    public override IEvidenceLog Open(string? keyPath) => SqliteEvidenceLog.Open(Database, keyPath, Time).Value;

    public override ICaseStore Cases(IEvidenceLog log) => new SqliteCaseStore((SqliteEvidenceLog)log);

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
