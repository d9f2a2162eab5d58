namespace ResetTrail.EvidenceLog.Merkle;

/// <summary>The outcome of checking a proof: success, or the reason it was rejected.</summary>
public readonly record struct ProofCheck(bool IsValid, string? Error)
{
    public static ProofCheck Valid { get; } = new(true, null);

    public static ProofCheck Invalid(string error) => new(false, error);

    public override string ToString() => IsValid ? "valid" : Error!;
}
