namespace ResetTrail.Bench.Harness;

/// <summary>
/// One figure and its peer measured alternately in the same process, repetition by repetition, so
/// both see the same machine noise. The ratio reported is the median of the per-repetition ratios;
/// the order flips every repetition so neither side always runs on a warmer (or noisier) machine.
/// </summary>
internal static class Paired
{
    public static PairedResult Run(int repetitions, Func<double> ours, Func<double> peer)
    {
        var oursRates = new List<double>();
        var peerRates = new List<double>();
        for (var r = 0; r < repetitions; r++)
        {
            if (r % 2 == 0)
            {
                oursRates.Add(ours());
                peerRates.Add(peer());
            }
            else
            {
                peerRates.Add(peer());
                oursRates.Add(ours());
            }
        }

        return new PairedResult(oursRates, peerRates);
    }
}

internal sealed record PairedResult(IReadOnlyList<double> Ours, IReadOnlyList<double> Peer)
{
    public double OursMedian => Stats.Median(Ours);

    public double PeerMedian => Stats.Median(Peer);

    public double RatioMedian => Stats.Median(Ours.Zip(Peer, (o, p) => o / p));
}
