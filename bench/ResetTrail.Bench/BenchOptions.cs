namespace ResetTrail.Bench;

/// <summary>
/// The run's sizes. --quick is a smoke test (under a minute); the full run is what docs/benchmarks.md
/// reports (under fifteen minutes on a 2-core machine).
/// </summary>
internal sealed record BenchOptions(bool Quick, string? OutPath, IReadOnlyList<string> Arguments, int? Only = null)
{
    /// <summary>Every figure is the median of this many paired repetitions, each after a warm-up.</summary>
    public int Repetitions { get; } = 5;

    /// <summary>How long one timed loop runs.</summary>
    public TimeSpan Window => Quick ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromMilliseconds(1500);

    /// <summary>Size of the log that proofs and the audit run on.</summary>
    public ulong ProofLogSize => Quick ? 100_000UL : 1_000_000UL;

    /// <summary>Proofs generated (and then verified) per repetition, per kind.</summary>
    public int ProofsPerRepetition => Quick ? 5_000 : 50_000;

    public int OpenSslSeconds => Quick ? 1 : 3;

    /// <summary>Entries pre-queued for one capacity measurement of the batching sequencer.</summary>
    public int CapacityEntries => Quick ? 4 * 4096 : 24 * 4096;

    /// <summary>Whether figure <paramref name="number"/> runs: all of them unless --only names one.</summary>
    public bool Runs(int number) => Only is null || Only == number;

    public TimeSpan LatencyRun => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5);

    public static BenchOptions? Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        string? outPath = null;
        int? only = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--out" when i + 1 < args.Count:
                    outPath = args[++i];
                    break;
                case "--only" when i + 1 < args.Count && int.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var number):
                    only = number;
                    i++;
                    break;
                default:
                    return null;
            }
        }

        return new BenchOptions(quick, outPath, args, only);
    }
}
