using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Workflow;

/// <summary>
/// Loads policy versions as they were published to the log: decisions come from exactly those bytes. The command
/// line and the server both decide through here.
/// </summary>
public static class PublishedPolicies
{
    /// <summary>The active policy, or null when none was published.</summary>
    public static IResetPolicy? Active(ICaseStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ActivePolicy() is { } published ? Load(published) : null;
    }

    /// <summary>The version a case was decided under, for re-deciding after a failed verification.</summary>
    public static IResetPolicy? ForCase(ICaseStore store, ResetCase current)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(current);
        return store.PolicyByHash(current.Decision.PolicyHash) is { } published ? Load(published) : null;
    }

    /// <summary>A published version that no longer loads is a damaged store, not an expected outcome.</summary>
    private static ResetPolicy Load(PublishedPolicy published)
    {
        var loaded = PolicyLoader.Load(published.Text, $"policy {published.Version}");
        return loaded.Policy
            ?? throw new InvalidDataException($"the published policy {published.Version} ({published.Hash}) does not load: {(loaded.Problems.Count > 0 ? loaded.Problems[0] : null)}");
    }
}
