namespace ResetTrail.EvidenceLog.Notes;

/// <summary>One signature line of a note: key name, key ID and the signature bytes after the ID.</summary>
public sealed record NoteSignature(string Name, uint KeyId, byte[] Signature)
{
    public string ToLine() => $"— {Name} {Convert.ToBase64String([(byte)(KeyId >> 24), (byte)(KeyId >> 16), (byte)(KeyId >> 8), (byte)KeyId, .. Signature])}\n";
}
