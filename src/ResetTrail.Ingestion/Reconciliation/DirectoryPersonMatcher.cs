using ResetTrail.Ingestion.Identities;

namespace ResetTrail.Ingestion.Reconciliation;

/// <summary>Same person by an identities file: any two of one person's identifiers match.</summary>
public sealed class DirectoryPersonMatcher(IdentityDirectory directory) : IPersonMatcher, IPersonKeys
{
    public bool Same(string? first, string? second) => directory.SamePerson(first, second);

    public string? KeyOf(string? identifier) => directory.KeyOf(identifier);
}
