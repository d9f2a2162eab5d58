using ResetTrail.Cli.Console;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Cli.Cases;

/// <summary>Loads policy versions as they were published to the log: decisions come from exactly those bytes.</summary>
internal static class PublishedPolicies
{
    public static IResetPolicy Active(ICaseStore store) =>
        Load(store.ActivePolicy()
            ?? throw new CommandFailedException("no policy is published in this database; publish one with: resettrail policy publish FILE --actor NAME"));

    /// <summary>The version a case was decided under, for re-deciding after a failed verification.</summary>
    public static IResetPolicy? ForCase(ICaseStore store, ResetCase current) =>
        store.PolicyByHash(current.Decision.PolicyHash) is { } published ? Load(published) : null;

    private static ResetPolicy Load(PublishedPolicy published)
    {
        var loaded = PolicyLoader.Load(published.Text, $"policy {published.Version}");
        return loaded.Policy
            ?? throw new CommandFailedException($"the published policy {published.Version} ({published.Hash}) does not load: {(loaded.Problems.Count > 0 ? loaded.Problems[0] : null)}");
    }
}
