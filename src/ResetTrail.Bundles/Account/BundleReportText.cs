using System.Globalization;
using ResetTrail.Bundles.Verification;

namespace ResetTrail.Bundles.Account;

/// <summary>The report as people read it: each check ok or FAILED, the verdict, then the account of the case.</summary>
public static class BundleReportText
{
    public static void Write(BundleReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("checks");
        foreach (var finding in report.Findings)
        {
            output.WriteLine($"  {(finding.Passed ? "ok" : "FAILED"),-7} {finding.Check,-17} {Where(finding)}{finding.Message}");
        }

        var failures = report.Failures.Count;
        output.WriteLine(report.IsValid
            ? "result  VALID: every check passed"
            : string.Create(CultureInfo.InvariantCulture, $"result  INVALID: {failures} check(s) failed; the account below covers only what verified"));
        if (report.Account is { } account)
        {
            output.WriteLine();
            WriteAccount(account, output);
        }
    }

    private static string Where(BundleFinding finding) => (finding.Entry, finding.LogIndex) switch
    {
        ({ } entry, { } index) => $"entry {entry} (log index {index}): ",
        (null, { } index) => $"log index {index}: ",
        _ => string.Empty,
    };

    private static void WriteAccount(CaseAccount account, TextWriter output)
    {
        output.WriteLine($"case      {account.CaseId}  [{account.State}]{(account.Closed ? string.Empty : "  NOT CLOSED")}");
        output.WriteLine($"ticket    {account.Ticket}");
        output.WriteLine($"target    {account.Target}  tier {account.Tier}");
        output.WriteLine($"request   {account.Request}");
        output.WriteLine($"policy    version {account.PolicyVersion}  sha256 {account.PolicyHash}{(account.PolicyPublished is { } p ? $"  (published at {p})" : string.Empty)}");
        output.WriteLine();
        output.WriteLine($"  {"when",-24}  {"log",5}  {"who",-26}  {"step",-26}  what, under which rule");
        foreach (var step in account.Steps)
        {
            output.WriteLine($"  {CaseAccountBuilder.Time(step.At),-24}  {step.LogIndex,5}  {step.Actor,-26}  {step.Step,-26}  {step.Summary}; rule {step.RuleId} (line {step.RuleLine})");
        }

        output.WriteLine();
        if (account.EndReason is { } reason)
        {
            output.WriteLine($"ended     {reason}");
        }

        output.WriteLine(account.ControlFailures.Count == 0
            ? $"controls  no control failure as of {CaseAccountBuilder.Time(account.ControlsAsOf)}"
            : $"controls  {account.ControlFailures.Count} control failure(s) as of {CaseAccountBuilder.Time(account.ControlsAsOf)}:");
        foreach (var failure in account.ControlFailures)
        {
            output.WriteLine($"  CONTROL FAILURE  {failure}");
        }
    }
}
