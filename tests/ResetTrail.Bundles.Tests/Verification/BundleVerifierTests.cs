using System.Text.Json.Nodes;
using ResetTrail.Bundles.Account;
using ResetTrail.Bundles.Format;
using ResetTrail.Bundles.Tests.Fixtures;
using ResetTrail.Bundles.Verification;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Bundles.Tests.Verification;

public sealed class BundleVerifierTests
{
    [Fact]
    public void A_closed_case_exported_from_the_store_verifies_with_the_public_key_alone()
    {
        using var sample = SampleCase.Closed();
        var json = sample.Export();

        var report = BundleVerifier.Verify(json, sample.Key);

        Assert.True(report.IsValid, string.Join("\n", report.Failures));
        Assert.Equal(8, report.Findings.Count(f => f.Check == BundleChecks.Entry));
        Assert.Contains(report.Findings, f => f.Check == BundleChecks.ChainComplete && f.Message.Contains("closed", StringComparison.Ordinal));
        Assert.True(report.Account!.Closed);
        Assert.Empty(report.Account.ControlFailures);
    }

    [Fact]
    public void The_account_says_who_did_what_when_under_which_rule()
    {
        using var sample = SampleCase.Closed();
        var report = BundleVerifier.Verify(sample.Export(), sample.Key);
        var text = new StringWriter();

        BundleReportText.Write(report, text);

        var steps = report.Account!.Steps;
        Assert.Equal(["case.opened", "case.verification_recorded", "case.approval_granted", "case.approval_granted", "case.reset_executed",
            "case.task_completed", "case.task_completed", "case.closed"], steps.Select(s => s.Step));
        Assert.Equal(["rita.requester", "vera.verifier", "alice.approver", "sam.security"], steps.Take(4).Select(s => s.Actor));
        Assert.All(steps, s => Assert.Equal(("standard-phone", 12), (s.RuleId, s.RuleLine)));
        Assert.True(steps.Zip(steps.Skip(1)).All(p => p.First.At < p.Second.At && p.First.LogIndex < p.Second.LogIndex));
        var output = text.ToString();
        Assert.Contains("result  VALID", output, StringComparison.Ordinal);
        Assert.Contains($"policy    version 2026-11-01  sha256 {sample.Policy.Hash}", output, StringComparison.Ordinal);
        Assert.Contains("sam.security", output, StringComparison.Ordinal);
        Assert.Contains("approved as security; rule standard-phone (line 12)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_checked_with_another_logs_key_fails_at_the_checkpoint()
    {
        using var sample = SampleCase.Closed();
        using var other = new SampleCase();

        var report = BundleVerifier.Verify(sample.Export(), other.Key);

        Assert.False(report.IsValid);
        var failure = Assert.Single(report.Failures, f => f.Check == BundleChecks.Checkpoint);
        Assert.Contains("does not verify", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_still_awaiting_approval_is_not_a_complete_chain()
    {
        using var sample = new SampleCase();
        sample.Open(SampleCase.CaseId).Step(c => CaseCommands.Verify(c, "vera.verifier", Core.Policy.VerificationMethod.PushToEnrolledDevice, true, [], sample.Policy, sample.Now));

        var report = BundleVerifier.Verify(sample.Export(), sample.Key);

        var failure = Assert.Single(report.Failures);
        Assert.Equal(BundleChecks.ChainComplete, failure.Check);
        Assert.Contains("awaiting_approval", failure.Message, StringComparison.Ordinal);
        Assert.False(report.Account!.Closed);
    }

    [Fact]
    public void An_entry_the_workflow_would_refuse_is_named_with_its_code_even_when_the_log_holds_it()
    {
        // Someone with the signing key appends an execution straight to the log, bypassing the workflow: the entry is
        // included and signed, but the chain is not one the rules accept.
        using var sample = new SampleCase();
        sample.Open(SampleCase.CaseId).Step(c => CaseCommands.Verify(c, "vera.verifier", Core.Policy.VerificationMethod.PushToEnrolledDevice, true, [], sample.Policy, sample.Now));
        var forged = new EvidenceRecord(EvidenceType.ResetExecuted, SampleCase.CaseId, sample.Now, "eddie.executor",
            new JsonObject { ["idp_event_id"] = null, ["changed_at"] = null, ["approvals"] = new JsonArray() });
        var appended = sample.Log.Append([forged.ToCanonicalBytes()]);
        var indices = sample.Store.EntryIndices(SampleCase.CaseId).Append(appended.FirstIndex).ToList();

        var report = BundleVerifier.Verify(BundleJson.Write(sample.ExportBundle(indices: indices) with { State = "executed" }), sample.Key);

        var failure = Assert.Single(report.Failures);
        Assert.Equal((BundleChecks.ChainRules, "RT-2000", 2, appended.FirstIndex), (failure.Check, failure.Code, failure.Entry, failure.LogIndex));
        Assert.Contains("refuses case.reset_executed by eddie.executor: RT-2000: 'execute' is not allowed while the case is awaiting_approval", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_failures_are_judged_at_the_export_time()
    {
        using var sample = new SampleCase();
        sample.Open(SampleCase.CaseId).Step(c => CaseCommands.Verify(c, "vera.verifier", Core.Policy.VerificationMethod.PushToEnrolledDevice, true, [], sample.Policy, sample.Now));
        sample.ApproveTwice().Step(c => CaseCommands.Execute(c, "eddie.executor", null, null, sample.Now));
        sample.Clock.Advance(TimeSpan.FromDays(2));

        var report = BundleVerifier.Verify(sample.Export(), sample.Key);

        Assert.True(report.IsValid, string.Join("\n", report.Failures));
        Assert.Equal("executed", report.Account!.State);
        Assert.Equal(3, report.Account.ControlFailures.Count);
        Assert.Contains(report.Account.ControlFailures, f => f.Contains("identity-provider event", StringComparison.Ordinal));
    }

    [Fact]
    public void The_json_report_carries_the_verdict_each_check_and_the_account()
    {
        using var sample = SampleCase.Closed();

        var json = BundleReportJson.ToJson(BundleVerifier.Verify(sample.Export(), sample.Key));

        Assert.True(json["valid"]!.GetValue<bool>());
        Assert.Equal("closed", json["account"]!["state"]!.GetValue<string>());
        Assert.Equal(8, json["account"]!["steps"]!.AsArray().Count);
        Assert.All(json["findings"]!.AsArray(), f => Assert.True(f!["ok"]!.GetValue<bool>()));
    }
}
