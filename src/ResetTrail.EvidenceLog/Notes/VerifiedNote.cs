namespace ResetTrail.EvidenceLog.Notes;

/// <summary>A note whose text was signed by at least one trusted key.</summary>
public sealed record VerifiedNote(string Text, IReadOnlyList<VerifierKey> VerifiedBy, IReadOnlyList<NoteSignature> Unverified);
