namespace ResetTrail.Bench.Harness;

/// <summary>
/// A seeded generator (Steele, Lea and Flood's SplitMix64) so every run appends the same entries and
/// asks for the same proofs. Not for anything secret; System.Random is banned in product code anyway.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong state = seed;

    public ulong Next()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, bound), by rejection so it has no modulo bias.</summary>
    public ulong Below(ulong bound)
    {
        var limit = ulong.MaxValue - (ulong.MaxValue % bound);
        ulong x;
        do
        {
            x = Next();
        }
        while (x >= limit);

        return x % bound;
    }

    public void Fill(Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (byte)Next();
        }
    }
}
