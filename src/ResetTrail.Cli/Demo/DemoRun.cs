using ResetTrail.Cli.Console;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Cli.Demo;

/// <summary>
/// Runs every case's script against the store in simulated time order, so the log reads as the desk's month
/// did: steps of many cases interleaved, each committed with its evidence through <see cref="ICaseStore.Apply"/>.
/// A step the workflow refuses is a bug in the demo, and stops it.
/// </summary>
internal sealed class DemoRun(ICaseStore store, ResetTrail.EvidenceLog.Storage.IEvidenceLog log, ResetPolicy policy, DemoOptions options, DateTimeOffset now)
{
    /// <summary>The failures the sample policy counts against a target, over its look-back (30 days).</summary>
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(30);

    private readonly Roster roster = Roster.Create();

    public List<CaseScript> Scripts { get; } = [];

    public CasePlanner Planner => field ??= new CasePlanner(policy, roster, (target, at) => store.FailedVerificationsSince(target, at - LookBack));

    public void Run(IProgress<ulong> progress)
    {
        // Case ids and tickets repeat for a seed on a new file, and differ on a file that already holds a log (its size salts them).
        var salt = log.LatestCheckpoint().Size;
        var ids = new DemoRandom(options.Seed ^ (salt * 0xD1B54A32D192ED03UL));
        var ticketBase = 40_000 + ids.Below(50_000);
        var queue = new PriorityQueue<CaseRun, (DateTimeOffset At, int Number)>();
        foreach (var slot in Slots.Plan(now, options.Days, options.CasesPerDay, new DemoRandom(options.Seed)))
        {
            queue.Enqueue(new CaseRun(slot, "rc-" + ids.Hex(6), ticketBase + slot.Number), (slot.At, slot.Number));
        }

        var start = now - TimeSpan.FromDays(options.Days);
        while (queue.TryDequeue(out var run, out var key))
        {
            progress.Report((ulong)Math.Max(0, (key.At - start).TotalHours));
            var step = run.Next ?? Open(run);
            var receipt = store.Apply(run.CaseId, step.Decide);
            if (!receipt.IsSuccess)
            {
                throw new CommandFailedException(
                    $"demo bug: the workflow refused '{step.Name}' on case {run.CaseId} ({run.Slot.Scenario}, rule {run.Script!.Plan.Decision.RuleId}) at {step.At:O}: {receipt.Error.Code}: {receipt.Error.Message}");
            }

            run.Script!.Current = receipt.Value.Case;
            run.Next = run.Steps!.MoveNext() && run.Steps.Current.At <= now ? run.Steps.Current : null;
            if (run.Next is not null)
            {
                queue.Enqueue(run, (run.Next.At, key.Number));
            }
        }
    }

    /// <summary>A case is planned when it opens, against the failed verifications recorded by then.</summary>
    private DemoStep Open(CaseRun run)
    {
        var random = new DemoRandom(options.Seed ^ ((ulong)(run.Slot.Number + 1) * 0x9E3779B97F4A7C15UL));
        var plan = Planner.Plan(run.Slot, run.CaseId, run.Ticket, random);
        run.Script = new CaseScript(run.Slot, plan, new DemoCast(plan, roster, random), policy, roster, random);
        Scripts.Add(run.Script);
        run.Steps = run.Script.Steps().GetEnumerator();
        run.Steps.MoveNext();
        return run.Steps.Current;
    }

    private sealed class CaseRun(Slot slot, string caseId, int ticket)
    {
        public Slot Slot => slot;

        public string CaseId => caseId;

        public int Ticket => ticket;

        public CaseScript? Script { get; set; }

        public IEnumerator<DemoStep>? Steps { get; set; }

        public DemoStep? Next { get; set; }
    }
}
