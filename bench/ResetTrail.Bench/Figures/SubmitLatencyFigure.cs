using System.Diagnostics;
using ResetTrail.Bench.Harness;

namespace ResetTrail.Bench.Figures;

/// <summary>
/// Figure 3: time from submit to inclusion in a durable signed checkpoint under a steady open-loop
/// load at half of the sequencer's capacity, which is measured first in the same run.
/// </summary>
internal static class SubmitLatencyFigure
{
    private const int MaxBatch = 4096;

    public static Figure Run(BenchOptions options, Workspace workspace)
    {
        using var log = BenchLog.Create(workspace, "latency");
        var pool = Entries.Pool(MaxBatch, seed: 3);

        Capacity(log, pool, options.CapacityEntries / 4); // warm-up
        var capacities = Enumerable.Range(0, options.Repetitions).Select(_ => Capacity(log, pool, options.CapacityEntries)).ToList();
        var capacity = Stats.Median(capacities);
        var rate = capacity / 2;

        Load(log, pool, rate, TimeSpan.FromMilliseconds(options.LatencyRun.TotalMilliseconds / 5)); // warm-up
        var runs = Enumerable.Range(0, options.Repetitions).Select(_ => Load(log, pool, rate, options.LatencyRun)).ToList();
        var p50 = Stats.Median(runs.Select(r => r.P50Ms));
        var p99 = Stats.Median(runs.Select(r => r.P99Ms));
        return new Figure(
            3,
            "Submit to durable signed checkpoint, at half of capacity",
            "none external; the load is set from the capacity measured just before, in the same run",
            [
                new FigureRow("capacity (queue pre-filled, ≤ 4096 per commit)", Format.Rate(capacity, "entries"), "—", null, null),
                new FigureRow("offered load (half of capacity)", Format.Rate(Stats.Median(runs.Select(r => r.AchievedRate)), "entries"), "—", null, null),
                new FigureRow("latency p50", Format.Number(p50, "0.0") + " ms", "—", null, null),
                new FigureRow("latency p99", Format.Number(p99, "0.0") + " ms", "—", null, null),
            ],
            [
                "The sequencer is written in the bench (`BatchingSequencer`): a queue and one thread that takes whatever has accumulated (at most 4096) and calls `SqliteEvidenceLog.Append` once per batch, i.e. one durable signed checkpoint per batch. It is not product code.",
                $"Capacity: {Format.Number(options.CapacityEntries, "N0")} entries queued before the sequencer starts; entries/s until the queue is empty. Per repetition: {string.Join(", ", capacities.Select(c => Format.Number(c, "N0")))}.",
                $"Load: a producer thread submits on an open-loop schedule at {Format.Rate(rate, "entries")} for {options.LatencyRun.TotalSeconds:0.#} s per repetition, waking every ~1 ms (Thread.Sleep(1)) and submitting all entries that are due; each entry is stamped with Stopwatch.GetTimestamp() when it is queued, and its latency ends when the Append holding it returns.",
                $"p50/p99 are the medians over {options.Repetitions} repetitions of each repetition's percentile. Per repetition p50: {string.Join(", ", runs.Select(r => Format.Number(r.P50Ms, "0.0")))} ms; p99: {string.Join(", ", runs.Select(r => Format.Number(r.P99Ms, "0.0")))} ms.",
                $"Mean batch under load: {Format.Number(Stats.Median(runs.Select(r => r.MeanBatch)), "0")} entries; commits per second: {Format.Number(Stats.Median(runs.Select(r => r.CommitsPerSecond)), "0")}.",
            ]);
    }

    private static double Capacity(ResetTrail.Storage.Sqlite.EvidenceLog.SqliteEvidenceLog log, byte[][] pool, int count)
    {
        using var sequencer = new BatchingSequencer(log, MaxBatch);
        for (var i = 0; i < count; i++)
        {
            sequencer.Submit(pool[i % pool.Length]);
        }

        return Timed.Rate(count, () =>
        {
            sequencer.Start();
            sequencer.DrainAndStop();
        });
    }

    private static LoadRun Load(ResetTrail.Storage.Sqlite.EvidenceLog.SqliteEvidenceLog log, byte[][] pool, double rate, TimeSpan duration)
    {
        using var sequencer = new BatchingSequencer(log, MaxBatch);
        sequencer.Start();
        var total = (long)(rate * duration.TotalSeconds);
        long submitted = 0;
        var start = Stopwatch.GetTimestamp();
        while (submitted < total)
        {
            var due = Math.Min(total, (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate));
            for (; submitted < due; submitted++)
            {
                sequencer.Submit(pool[submitted % pool.Length]);
            }

            Thread.Sleep(1);
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        sequencer.DrainAndStop();
        var ms = sequencer.LatencyTicks.Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        return new LoadRun(
            Stats.PercentileOfSorted(ms, 50),
            Stats.PercentileOfSorted(ms, 99),
            total / elapsed.TotalSeconds,
            sequencer.BatchSizes.Average(),
            sequencer.BatchSizes.Count / elapsed.TotalSeconds);
    }

    private sealed record LoadRun(double P50Ms, double P99Ms, double AchievedRate, double MeanBatch, double CommitsPerSecond);
}
