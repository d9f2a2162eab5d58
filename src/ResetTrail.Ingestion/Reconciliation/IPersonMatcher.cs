namespace ResetTrail.Ingestion.Reconciliation;

/// <summary>Whether two identifiers (login, e-mail, UPN, DOMAIN\name, SID, object id) name the same person.</summary>
public interface IPersonMatcher
{
    bool Same(string? first, string? second);
}

/// <summary>
/// A matcher that can name each person by one key: <c>Same(a, b)</c> exactly when both keys are non-null and equal
/// (ignoring case), so the reconciler can look tickets up by target instead of comparing each with every change.
/// </summary>
public interface IPersonKeys
{
    string? KeyOf(string? identifier);
}

/// <summary>
/// Without an identities file: only identical identifiers (ignoring case) are the same person. Never a guess:
/// "alice" and "alice@corp.example" stay two people until a directory export ties them.
/// </summary>
public sealed class EvidentPersonMatcher : IPersonMatcher, IPersonKeys
{
    public static EvidentPersonMatcher Instance { get; } = new();

    public bool Same(string? first, string? second) =>
        !string.IsNullOrWhiteSpace(first) && !string.IsNullOrWhiteSpace(second)
        && string.Equals(first.Trim(), second.Trim(), StringComparison.OrdinalIgnoreCase);

    public string? KeyOf(string? identifier) => string.IsNullOrWhiteSpace(identifier) ? null : identifier.Trim();
}
