namespace ResetTrail.EvidenceLog.Storage;

/// <summary>What an append produced: the indices [FirstIndex, FirstIndex + Count) and the checkpoint covering them.</summary>
public sealed record AppendResult(ulong FirstIndex, int Count, StoredCheckpoint Checkpoint);
