using ResetTrail.Cli.Console;
using ResetTrail.Core;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Cli.Demo;

/// <summary>What the demo wrote: cases by state and tier, the control failures they show now, the log's growth.</summary>
internal static class DemoSummary
{
    public static void Print(CliIO io, IReadOnlyList<ResetCase> cases, DateTimeOffset now, ulong entries, string verifier, IEnumerable<string> unexecutable)
    {
        var output = io.Output;
        output.WriteLine($"demo: {cases.Count} cases, {entries} evidence entries written");
        output.WriteLine();
        output.WriteLine("cases by state:");
        foreach (var state in Enum.GetValues<CaseState>())
        {
            output.WriteLine($"  {WireName.Of(state),-18} {cases.Count(c => c.State == state),5}");
        }

        output.WriteLine("cases by tier:");
        foreach (var tier in Enum.GetValues<Tier>())
        {
            output.WriteLine($"  {WireName.Of(tier),-18} {cases.Count(c => c.Decision.Tier == tier),5}");
        }

        output.WriteLine("control failures by kind:");
        foreach (var (kind, count) in FailureKinds(cases, now))
        {
            output.WriteLine($"  {kind,-42} {count,5}");
        }

        foreach (var rule in unexecutable)
        {
            output.WriteLine($"note: no case under rule {rule} can be executed: its approvals expire before its cooling-off ends");
        }

        output.WriteLine();
        output.WriteLine($"verifier key: {verifier}");
    }

    /// <summary>
    /// Each kind of control failure and how many cases show it: the ones the case reports itself (overdue tasks,
    /// an overdue emergency review, no IdP record), and the refusals and failures its evidence records.
    /// </summary>
    public static IReadOnlyList<(string Kind, int Count)> FailureKinds(IReadOnlyList<ResetCase> cases, DateTimeOffset now)
    {
        var flagged = cases.Select(c => c.ControlFailures(now)).ToList();
        return
        [
            ("post-reset task overdue", flagged.Count(f => f.Any(IsTask))),
            ("emergency review overdue", flagged.Count(f => f.Any(x => x.StartsWith("the emergency review", StringComparison.Ordinal)))),
            ("no IdP event linked to the reset", flagged.Count(f => f.Any(x => x.StartsWith("no identity-provider event", StringComparison.Ordinal)))),
            ("verification failed", cases.Count(c => c.Verifications.Any(v => !v.Passed))),
            ("denied by policy at opening", cases.Count(c => c.State == CaseState.Denied && c.Steps.Count == 1)),
            ("denied after failed verification", cases.Count(c => c.State == CaseState.Denied && c.Steps.Count > 1)),
            ("approval window expired", cases.Count(c => c.State == CaseState.Expired)),
            ("execution failed", cases.Count(c => c.State == CaseState.Failed)),
            ("emergency path taken", cases.Count(c => c.EmergencyPath)),
        ];
    }

    private static bool IsTask(string failure) =>
        failure.Contains(" was due by ", StringComparison.Ordinal) && !failure.StartsWith("the emergency review", StringComparison.Ordinal);
}
