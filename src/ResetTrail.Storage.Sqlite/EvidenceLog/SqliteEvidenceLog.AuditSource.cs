using Microsoft.Data.Sqlite;
using ResetTrail.EvidenceLog.Auditing;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.EvidenceLog.Storage;
using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.Storage.Sqlite.EvidenceLog;

public sealed partial class SqliteEvidenceLog
{
    /// <summary>Everything the auditor reads, from one read transaction: a consistent snapshot even while appends go on.</summary>
    private sealed class AuditSource(
        SqliteEvidenceLog log, IReadOnlyCollection<VerifierKey> verifiers, SqliteConnection connection, SqliteTransaction snapshot) : IAuditSource
    {
        public string Origin => log.Origin;

        public IReadOnlyCollection<VerifierKey> Verifiers => verifiers;

        public ITileReader Tiles { get; } = new SqliteTileReader(connection, () => snapshot);

        public IEnumerable<LogEntry> AllEntries()
        {
            using var command = connection.CreateCommand();
            command.Transaction = snapshot;
            command.CommandText = "SELECT idx, entry FROM log_entries ORDER BY idx";
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                yield return new LogEntry((ulong)rows.GetInt64(0), (byte[])rows[1]);
            }
        }

        public IEnumerable<StoredCheckpoint> AllCheckpoints()
        {
            using var command = connection.CreateCommand();
            command.Transaction = snapshot;
            command.CommandText = "SELECT size, root, note, signed_at FROM log_checkpoints ORDER BY size";
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                yield return ReadCheckpointRow(rows);
            }
        }
    }
}
