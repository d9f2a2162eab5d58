namespace ResetTrail.Detection.Tests;

/// <summary>A seeded linear congruential generator: the same scenario streams on every run and machine.</summary>
internal sealed class Dice(ulong seed)
{
    private ulong state = seed;

    /// <summary>A number from 0 to <paramref name="n"/> - 1.</summary>
    public int Next(int n)
    {
        state = (state * 6364136223846793005UL) + 1442695040888963407UL;
        return (int)((state >> 33) % (ulong)n);
    }
}
