using Npgsql;
using ResetTrail.EvidenceLog.Auditing;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.EvidenceLog.Storage;
using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.Storage.Postgres.EvidenceLog;

public sealed partial class PostgresEvidenceLog
{
    /// <summary>Everything the auditor reads, from one snapshot shared by three connections, while appends go on.</summary>
    private sealed class AuditSource(PostgresEvidenceLog log, IReadOnlyCollection<VerifierKey> verifiers, SharedSnapshot snapshot) : IAuditSource
    {
        public string Origin => log.Origin;

        public IReadOnlyCollection<VerifierKey> Verifiers => verifiers;

        public ITileReader Tiles { get; } = new PostgresTileReader(snapshot[2]);

        public IEnumerable<LogEntry> AllEntries()
        {
            using var command = new NpgsqlCommand("SELECT idx, entry FROM log_entries ORDER BY idx", snapshot[0]);
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                yield return new LogEntry((ulong)rows.GetInt64(0), rows.GetFieldValue<byte[]>(1));
            }
        }

        public IEnumerable<StoredCheckpoint> AllCheckpoints()
        {
            using var command = new NpgsqlCommand($"{CheckpointColumns} ORDER BY size", snapshot[1]);
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                yield return ReadCheckpointRow(rows);
            }
        }
    }
}
