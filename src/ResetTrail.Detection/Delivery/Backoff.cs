using System.Security.Cryptography;

namespace ResetTrail.Detection.Delivery;

/// <summary>
/// Exponential backoff with jitter: after the nth failure the wait is drawn uniformly from [d/2, d] where
/// d = min(max, first × 2^(n-1)). Jitter spreads retries of many alerts so a receiver coming back is not hit by all
/// of them at once; the draw uses <see cref="RandomNumberGenerator"/> (System.Random is banned here).
/// </summary>
public sealed record Backoff(TimeSpan First, TimeSpan Max)
{
    public static Backoff Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

    public TimeSpan After(int failures)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var ceiling = Math.Min(Max.TotalMilliseconds, First.TotalMilliseconds * Math.Pow(2, exponent));
        var floor = ceiling / 2;
        var span = (int)Math.Max(1, Math.Min(int.MaxValue - 1, ceiling - floor));
        return TimeSpan.FromMilliseconds(floor + RandomNumberGenerator.GetInt32(span + 1));
    }
}
