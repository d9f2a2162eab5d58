using System.Collections.Concurrent;
using System.Security.Cryptography;
using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Workflow;

/// <summary>
/// Loads policy versions as they were published to the log: decisions come from exactly those bytes. The command
/// line and the server both decide through here.
/// </summary>
public static class PublishedPolicies
{
    private const int CacheCapacity = 64;

    // Loading a policy parses its YAML and checks coverage over every request: milliseconds, paid once per version,
    // not per step. Keyed by the SHA-256 of the bytes, and each hit re-hashes the bytes it is offered, so a text
    // that differs from the one loaded is never answered from memory.
    private static readonly ConcurrentDictionary<string, ResetPolicy> Loaded = new(StringComparer.Ordinal);

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
        var hash = Convert.ToHexStringLower(SHA256.HashData(published.Text));
        if (Loaded.TryGetValue(hash, out var cached))
        {
            return cached;
        }

        var loaded = PolicyLoader.Load(published.Text, $"policy {published.Version}");
        var policy = loaded.Policy
            ?? throw new InvalidDataException($"the published policy {published.Version} ({published.Hash}) does not load: {(loaded.Problems.Count > 0 ? loaded.Problems[0] : null)}");
        if (Loaded.Count >= CacheCapacity)
        {
            Loaded.Clear();
        }

        Loaded[hash] = policy;
        return policy;
    }
}
