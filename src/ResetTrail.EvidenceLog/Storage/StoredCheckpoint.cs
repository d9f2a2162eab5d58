namespace ResetTrail.EvidenceLog.Storage;

/// <summary>A checkpoint as the log signed it: tree size, root hash, the signed note, and when it was signed.</summary>
public sealed record StoredCheckpoint(ulong Size, byte[] RootHash, string SignedNote, DateTimeOffset SignedAt);
