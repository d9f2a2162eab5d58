using ResetTrail.Bench.Harness;
using ResetTrail.Storage.Sqlite.Cases;
using ResetTrail.Storage.Sqlite.EvidenceLog;

namespace ResetTrail.Bench.Figures;

/// <summary>
/// Figure 7: whole case lifecycles per second through <see cref="SqliteCaseStore"/>, one driver and four
/// concurrent drivers (each its own store on the same file), against the durable single-entry append rate
/// measured alternately in the same run. The ratio compares the cost per entry: near 1 means the durable commit
/// dominates and the workflow around it (loading and replaying the case, the checks, the caches) costs little.
/// </summary>
internal static class LifecycleFigure
{
    private const int Drivers = 4;

    private static int rounds;

    public static Figure Run(BenchOptions options, Workspace workspace)
    {
        var policy = CaseLifecycle.SamplePolicy();
        using var appendLog = BenchLog.Create(workspace, "lifecycle-append");
        using var caseLog = BenchLog.Create(workspace, "lifecycle");
        var path = workspace.PathFor("lifecycle.db");
        var keyPath = workspace.PathFor("lifecycle.key");
        var single = new CaseLifecycle(new SqliteCaseStore(caseLog), policy, "single");
        var entries = Entries.Pool(1024, seed: 7);
        var nextEntry = 0;
        var perLifecycle = single.Run();

        double Append() => Timed.Rate(options.Window, () =>
        {
            appendLog.Append([entries[nextEntry++ % entries.Length]]);
            return 1;
        });
        double Single() => Timed.Rate(options.Window, () => single.Run());
        double Concurrent() => RunConcurrently(path, keyPath, policy, options.Window) * perLifecycle;

        var warm = TimeSpan.FromMilliseconds(options.Window.TotalMilliseconds / 2);
        Timed.Rate(warm, () => single.Run());
        Timed.Rate(warm, () => { appendLog.Append([entries[nextEntry++ % entries.Length]]); return 1; });
        var one = Paired.Run(options.Repetitions, Single, Append);
        var four = Paired.Run(options.Repetitions, Concurrent, Append);
        return new Figure(
            7,
            "Case lifecycles through the case store",
            "the durable single-entry append of figure 1 (`SqliteEvidenceLog.Append([entry])`), alternating with ours in the same run",
            [
                Row("case lifecycle, 1 driver", one, perLifecycle),
                Row($"case lifecycle, {Drivers} concurrent drivers", four, perLifecycle),
            ],
            [
                $"A lifecycle is {perLifecycle} evidence entries, each its own `SqliteCaseStore.Apply` (one durable commit): open, verify (push), verify (callback), approve, execute, every post-reset task the decision lists, close. The request is a standard-tier MFA-factor reset over the phone under policies/sample-policy.yaml (rule standard-factors: a callback, one approval, five tasks including the follow-up).",
                "Each Apply runs inside the log's sequencer transaction: it loads the case's entries and replays them, runs the command (the policy decides at opening), re-checks the entry, appends it with its tiles and a signed checkpoint, and updates case_index/case_entries.",
                $"Concurrent: {Drivers} threads, each with its own `SqliteEvidenceLog` and store opened on the same file, each driving its own cases; steps that arrive while a commit is in flight group-commit (ADR 0040): one transaction, one checkpoint and one fsync for every step waiting, so concurrent drivers can exceed the single-append rate per entry.",
                "Ratio: lifecycle entries per second ÷ durable single-entry appends per second, per repetition (median). The peer's entries are 100 bytes; a case entry is canonical JSON of about 0.5-3 KB.",
                $"Per repetition, 1 driver: {string.Join(", ", one.Ours.Select(r => Format.Number(r / perLifecycle, "N1")))} lifecycles/s; {Drivers} drivers: {string.Join(", ", four.Ours.Select(r => Format.Number(r / perLifecycle, "N1")))} lifecycles/s; appends: {string.Join(", ", one.Peer.Concat(four.Peer).Select(r => Format.Number(r, "N0")))}/s.",
            ]);
    }

    private static FigureRow Row(string metric, PairedResult result, int perLifecycle) => new(
        metric,
        $"{Format.Rate(result.OursMedian / perLifecycle, "lifecycles")} ({Format.Rate(result.OursMedian, "entries")})",
        Format.Rate(result.PeerMedian, "appends"),
        result.RatioMedian,
        0.8);

    /// <summary>Lifecycles per second of <see cref="Drivers"/> threads, each with its own store on the same file.</summary>
    private static double RunConcurrently(string path, string keyPath, Core.Policy.ResetPolicy policy, TimeSpan window)
    {
        var round = Interlocked.Increment(ref rounds);
        var logs = Enumerable.Range(0, Drivers).Select(_ => SqliteEvidenceLog.Open(path, keyPath, TimeProvider.System).Value).ToList();
        try
        {
            var drivers = logs.Select((log, i) => new CaseLifecycle(new SqliteCaseStore(log), policy, $"round{round}-driver{i}")).ToList();
            var counts = new long[Drivers];
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            var threads = drivers.Select((driver, i) => new Thread(() =>
            {
                while (System.Diagnostics.Stopwatch.GetElapsedTime(start) < window)
                {
                    driver.Run();
                    counts[i]++;
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            return counts.Sum() / System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        finally
        {
            logs.ForEach(l => l.Dispose());
        }
    }
}
