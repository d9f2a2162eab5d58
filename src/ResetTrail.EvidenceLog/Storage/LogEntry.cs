namespace ResetTrail.EvidenceLog.Storage;

/// <summary>A stored entry: its index in the log and its bytes, exactly as appended.</summary>
public sealed record LogEntry(ulong Index, byte[] Data);
