using System.Collections.Concurrent;
using ResetTrail.Core.Access;

namespace ResetTrail.Server.Authentication;

/// <summary>
/// Tokens found by their hash in the last <see cref="Lifetime"/>, so an API request does not read the database to
/// authenticate (ADR 0042). Only found tokens are kept, never unknown hashes: a guessed token costs a lookup, fills no
/// memory, and a token created by another process works at once. Expiry and revocation are still checked on every
/// request against the kept row. A revocation through this server clears the cache at once
/// (<see cref="ForgetAll"/>); one made by another process (<c>resettrail token revoke</c>) takes effect here within
/// <see cref="Lifetime"/>.
/// </summary>
internal sealed class ApiTokenCache(TimeProvider time)
{
    /// <summary>How long a found token is trusted without reading it again; the longest a revocation by another process waits.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>Bounds memory; past it the cache starts again (a server has tens of tokens, not thousands).</summary>
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, (StoredApiToken Token, DateTimeOffset ReadAt)> found = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long generation; // counts revocations; changed under gate

    /// <summary>The token with this hash: from memory when read less than <see cref="Lifetime"/> ago, else from <paramref name="lookup"/>.</summary>
    public StoredApiToken? Find(byte[] hash, Func<byte[], StoredApiToken?> lookup)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(lookup);
        var key = Convert.ToHexString(hash);
        var now = time.GetUtcNow();
        if (found.TryGetValue(key, out var kept) && now - kept.ReadAt < Lifetime && now >= kept.ReadAt)
        {
            return kept.Token;
        }

        // Read the generation before the lookup: a revocation that lands while the row is read must not be undone by
        // keeping the row read before it.
        var generation = Volatile.Read(ref this.generation);
        var token = lookup(hash);
        if (token is null)
        {
            found.TryRemove(key, out _);
            return null;
        }

        if (found.Count >= Capacity)
        {
            found.Clear();
        }

        lock (gate)
        {
            if (generation == this.generation)
            {
                found[key] = (token, now);
            }
        }

        return token;
    }

    /// <summary>Forgets every kept token: called after a revocation, so the revoked token is read again on its next use.</summary>
    public void ForgetAll()
    {
        lock (gate)
        {
            generation++;
            found.Clear();
        }
    }
}
