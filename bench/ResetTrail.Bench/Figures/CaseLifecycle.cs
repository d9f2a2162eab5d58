using ResetTrail.Core;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Bench.Figures;

/// <summary>
/// One reset case driven through its whole life the way the CLI drives it: each step is a
/// <see cref="ICaseStore.Apply"/> (load the case from its entries, run the command, re-check, append the
/// entry and update the caches, commit durably). The request is a standard-tier MFA-factor reset over the phone
/// under the sample policy (rule standard-factors): open, push and callback, one approval, execute, every
/// post-reset task, close.
/// </summary>
internal sealed class CaseLifecycle(ICaseStore store, ResetPolicy policy, string prefix)
{
    private static readonly DateTimeOffset At = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    private long next;

    public static byte[] SamplePolicyBytes()
    {
        using var stream = typeof(CaseLifecycle).Assembly.GetManifestResourceStream("ResetTrail.Bench.sample-policy.yaml")
            ?? throw new InvalidOperationException("the bench was built without the embedded sample policy");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static ResetPolicy SamplePolicy()
    {
        var loaded = PolicyLoader.Load(SamplePolicyBytes(), "policies/sample-policy.yaml");
        return loaded.Policy ?? throw new InvalidOperationException($"the sample policy does not load: {loaded.Errors.FirstOrDefault()}");
    }

    /// <summary>Runs one lifecycle; returns the number of evidence entries it committed.</summary>
    public int Run()
    {
        var id = $"{prefix}-{next++}";
        var target = new TargetIdentity("okta", $"user{next % 500}@bench.example") { Groups = ["Sales"], Site = "london" };
        var request = new OpenCaseRequest(id, new Ticket("servicenow", id, null), target, ResetKind.MfaFactor, Channel.Phone,
            new Initiator(InitiatorType.Internal, null), target.Id, "desk1");
        var entries = 0;
        void Step(Func<ResetCase?, Outcome<EvidenceRecord>> decide)
        {
            var receipt = store.Apply(id, decide);
            entries++;
            _ = receipt.IsSuccess ? receipt.Value : throw new InvalidOperationException($"bench bug: step {entries} of {id} refused: {receipt.Error.Code} {receipt.Error.Message}");
        }

        // Open reads the target's failed verifications inside the step, as the CLI does.
        Step(_ => CaseCommands.Open(request with { RecentFailedVerifications = store.FailedVerificationsSince(target, At - TimeSpan.FromDays(30)) }, policy, At));
        Step(c => CaseCommands.Verify(c!, "desk1", VerificationMethod.PushToEnrolledDevice, true, [], policy, At));
        Step(c => CaseCommands.Verify(c!, "desk1", VerificationMethod.CallbackOnRecord, true, [], policy, At));
        Step(c => CaseCommands.Approve(c!, "lead1", "service_desk_lead", c!.ApprovalDigest(), false, null, At));
        Step(c => CaseCommands.Execute(c!, "desk2", "okta-evt-" + id, At, At));
        var tasks = store.Find(id)!.Decision.Tasks;
        foreach (var task in tasks)
        {
            Step(c => CaseCommands.CompleteTask(c!, "desk2", task.Kind, null, At));
        }

        Step(c => CaseCommands.Close(c!, "desk2", null, At));
        return entries;
    }
}
