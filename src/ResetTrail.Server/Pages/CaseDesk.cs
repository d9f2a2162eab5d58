using ResetTrail.Core;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Cases;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Metrics;
using ResetTrail.Server.Problems;

namespace ResetTrail.Server.Pages;

/// <summary>
/// The workflow as the pages drive it: the same <see cref="CaseCommands"/>, published policy and case store the
/// command line uses, each step one atomic <see cref="ICaseStore.Apply"/>. The pages pass the signed-in user as
/// the actor; no form field names who acts. A committed step is announced on <see cref="CaseStepSignal"/> for detection
/// and counted in <see cref="RequestMetrics.EvidenceAppends"/>, as the API's steps are.
/// </summary>
public sealed class CaseDesk(ServerDatabase database, TimeProvider time, CaseStepSignal steps, RequestMetrics metrics)
{
    /// <summary>How far back failed verifications on a target make a new case stricter (as 'case open' counts them).</summary>
    public static readonly TimeSpan FailureLookBack = TimeSpan.FromDays(30);

    public ServerDatabase Database => database;

    public DateTimeOffset Now => time.GetUtcNow();

    public ResetCase? Find(string caseId) => database.Cases.Find(caseId);

    /// <summary>Opens a case under the policy active when the step commits.</summary>
    public Outcome<CaseStepReceipt> Open(OpenCaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Announce(database.Cases.Apply(request.CaseId, _ =>
        {
            var now = time.GetUtcNow();
            if (PublishedPolicies.Active(database.Cases) is not { } policy)
            {
                return HttpErrors.NoPolicy();
            }

            var failures = database.Cases.FailedVerificationsSince(request.Target, now - FailureLookBack);
            return CaseCommands.Open(request with { RecentFailedVerifications = failures }, policy, now);
        }));
    }

    /// <summary>One step on an existing case; a missing case is RT-2002.</summary>
    public Outcome<CaseStepReceipt> Step(string caseId, Func<ResetCase, DateTimeOffset, Outcome<EvidenceRecord>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Announce(database.Cases.Apply(caseId, current => current is null ? WorkflowErrors.CaseNotFound(caseId) : step(current, time.GetUtcNow())));
    }

    private Outcome<CaseStepReceipt> Announce(Outcome<CaseStepReceipt> receipt)
    {
        if (receipt.IsSuccess)
        {
            metrics.CountAppend();
            steps.Committed();
        }

        return receipt;
    }
}
