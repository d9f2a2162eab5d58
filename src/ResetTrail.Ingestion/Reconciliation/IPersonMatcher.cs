namespace ResetTrail.Ingestion.Reconciliation;

/// <summary>Whether two identifiers (login, e-mail, UPN, DOMAIN\name, SID, object id) name the same person.</summary>
public interface IPersonMatcher
{
    bool Same(string? first, string? second);
}

/// <summary>
/// Without an identities file: only identical identifiers (ignoring case) are the same person. Never a guess:
/// "alice" and "alice@corp.example" stay two people until a directory export ties them.
/// </summary>
public sealed class EvidentPersonMatcher : IPersonMatcher
{
    public static EvidentPersonMatcher Instance { get; } = new();

    public bool Same(string? first, string? second) =>
        !string.IsNullOrWhiteSpace(first) && !string.IsNullOrWhiteSpace(second)
        && string.Equals(first.Trim(), second.Trim(), StringComparison.OrdinalIgnoreCase);
}
