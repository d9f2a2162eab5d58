using ResetTrail.EvidenceLog.Notes;

namespace ResetTrail.EvidenceLog.Storage;

/// <summary>A key that signed a log's checkpoints: when it was added and, once replaced, when it was retired.</summary>
public sealed record KeyHistoryEntry(VerifierKey Key, DateTimeOffset AddedAt, DateTimeOffset? RetiredAt);
