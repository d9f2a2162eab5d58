using ResetTrail.EvidenceLog.Notes;
using ResetTrail.EvidenceLog.Storage;
using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.EvidenceLog.Auditing;

/// <summary>What a backend exposes so the backend-independent <see cref="LogAuditor"/> can recompute it.</summary>
public interface IAuditSource
{
    string Origin { get; }

    IReadOnlyCollection<VerifierKey> Verifiers { get; }

    /// <summary>Every stored entry row in index order, as stored (gaps and extra rows included).</summary>
    IEnumerable<LogEntry> AllEntries();

    /// <summary>Every stored checkpoint in size order.</summary>
    IEnumerable<StoredCheckpoint> AllCheckpoints();

    ITileReader Tiles { get; }
}
