using ResetTrail.Bench.Harness;
using ResetTrail.Bench.Peers;

namespace ResetTrail.Bench.Figures;

/// <summary>
/// Figure 1: one entry per append, each append a durable commit of the entry, its tiles and a newly
/// signed checkpoint, against the machine's fdatasync rate on the same filesystem.
/// </summary>
internal static class DurableAppendFigure
{
    public static Figure Run(BenchOptions options, Workspace workspace)
    {
        using var log = BenchLog.Create(workspace, "single");
        using var overwrite = new FdatasyncProbe(workspace.PathFor("fdatasync-overwrite.probe"), extend: false);
        using var extend = new FdatasyncProbe(workspace.PathFor("fdatasync-extend.probe"), extend: true);
        var entries = Entries.Pool(1024, seed: 1);
        var next = 0;

        double Ours() => Timed.Rate(options.Window, () =>
        {
            log.Append([entries[next++ % entries.Length]]);
            return 1;
        });
        double Overwrite() => Timed.Rate(options.Window, () =>
        {
            overwrite.WriteAndSync();
            return 1;
        });
        double Extend() => Timed.Rate(options.Window, () =>
        {
            extend.WriteAndSync();
            return 1;
        });

        // Warm-up: JIT, SQLite page cache, the WAL's first growth.
        var warm = TimeSpan.FromMilliseconds(options.Window.TotalMilliseconds / 2);
        Timed.Rate(warm, () => { log.Append([entries[next++ % entries.Length]]); return 1; });
        Timed.Rate(warm, () => { overwrite.WriteAndSync(); return 1; });

        var result = Paired.Run(options.Repetitions, Ours, Overwrite);
        var extendRate = Stats.Median(Enumerable.Range(0, options.Repetitions).Select(_ => Extend()));
        return new Figure(
            1,
            "Durable single-entry append",
            "a loop writing 100 bytes and calling fdatasync(2) on a file in the bench's temp dir (same filesystem)",
            [
                new FigureRow("durable append, 1 entry per commit", Format.Rate(result.OursMedian, "appends"), Format.Rate(result.PeerMedian, "fdatasync"), result.RatioMedian, 0.5),
            ],
            [
                "Ours: `SqliteEvidenceLog.Append([entry])` with a 100-byte entry; each call is BEGIN IMMEDIATE, insert, leaf hash, tiles, Ed25519-signed checkpoint, COMMIT (WAL, synchronous=FULL).",
                "Peer: 100-byte `RandomAccess.Write` then `fdatasync` (P/Invoke into libc), walking through a preallocated 4 MiB file as SQLite's WAL does once it has wrapped.",
                $"Same loop on a file that grows with every write (each sync must also commit the new size): {Format.Rate(extendRate, "fdatasync")} (median of {options.Repetitions}, measured after the pairs).",
                $"Per repetition, ours: {string.Join(", ", result.Ours.Select(r => Format.Number(r, "N0")))}; peer: {string.Join(", ", result.Peer.Select(r => Format.Number(r, "N0")))}.",
            ]);
    }
}
