namespace ResetTrail.Cli.Demo;

/// <summary>
/// A seeded generator (Steele, Lea and Flood's SplitMix64) so a seed always gives the same month of cases.
/// Demo data only: nothing secret is drawn from it, and System.Random is banned in product code.
/// </summary>
internal sealed class DemoRandom(ulong seed)
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
    public int Below(int bound)
    {
        var b = (ulong)bound;
        var limit = ulong.MaxValue - (ulong.MaxValue % b);
        ulong x;
        do
        {
            x = Next();
        }
        while (x >= limit);

        return (int)(x % b);
    }

    public bool Chance(double probability) => (Next() >> 11) * (1.0 / (1UL << 53)) < probability;

    public double Fraction(double from, double to) => from + ((Next() >> 11) * (1.0 / (1UL << 53)) * (to - from));

    public TimeSpan Minutes(double from, double to) => TimeSpan.FromMinutes(Fraction(from, to));

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    /// <summary>One of the items, each as likely as its weight.</summary>
    public T Weighted<T>(IReadOnlyList<(T Item, int Weight)> items)
    {
        var roll = Below(items.Sum(i => i.Weight));
        foreach (var (item, weight) in items)
        {
            if (roll < weight)
            {
                return item;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("weights must be positive");
    }

    public string Hex(int bytes)
    {
        var buffer = new byte[bytes];
        for (var i = 0; i < bytes; i++)
        {
            buffer[i] = (byte)Next();
        }

        return Convert.ToHexStringLower(buffer);
    }
}
