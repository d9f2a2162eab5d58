using System.Globalization;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Detection.Signals;

/// <summary>The signals of a case, read from its folded evidence (<see cref="ResetCase"/>): one per step the rules listen to.</summary>
public static class CaseSignals
{
    public static IEnumerable<CaseSignal> Of(ResetCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var opener = c.Steps.Count > 0 ? c.Steps[0].Actor : c.Requester;
        var basis = new CaseSignal
        {
            Kind = CaseSignalKind.CaseOpened,
            CaseId = c.Id,
            EntryId = Entry(c, 0),
            Time = c.OpenedAt,
            Target = c.Target.Id,
            Actor = opener,
            ResetKind = c.Kind,
            Channel = c.Channel,
            Tier = c.Decision.Tier,
            Initiator = c.Initiator.Type,
            Organisation = c.Initiator.Organisation,
            Requester = c.Requester,
            Site = c.Target.Site,
            ApprovalsRequired = c.ApprovalsRequired,
        };
        yield return basis;

        foreach (var v in c.Verifications)
        {
            yield return basis with
            {
                Kind = v.Passed ? CaseSignalKind.VerificationPassed : CaseSignalKind.VerificationFailed,
                EntryId = $"{c.Id}/verification/{v.Attempt.ToString(CultureInfo.InvariantCulture)}",
                Time = v.At,
                Actor = v.Verifier,
            };
        }

        for (var i = 0; i < c.Approvals.Count; i++)
        {
            var a = c.Approvals[i];
            yield return basis with
            {
                Kind = CaseSignalKind.Approved,
                EntryId = $"{c.Id}/approval/{i.ToString(CultureInfo.InvariantCulture)}",
                Time = a.At,
                Actor = a.Approver,
                ApprovalsValid = c.Approvals.Take(i + 1).Count(x => x.ExpiresAt > a.At),
                Approvers = [.. c.Approvals.Take(i + 1).Select(x => x.Approver).Distinct(StringComparer.OrdinalIgnoreCase)],
            };
        }

        if (c.Execution is { } e)
        {
            var valid = c.ValidApprovals(e.At);
            yield return basis with
            {
                Kind = CaseSignalKind.Executed,
                EntryId = $"{c.Id}/execution",
                Time = e.At,
                Actor = e.Executor,
                ApprovalsValid = valid.Count,
                Approvers = [.. valid.Select(a => a.Approver).Distinct(StringComparer.OrdinalIgnoreCase)],
            };
        }
    }

    private static string Entry(ResetCase c, int step) =>
        c.Steps.Count > step ? $"{c.Id}/{c.Steps[step].Sequence.ToString(CultureInfo.InvariantCulture)}" : $"{c.Id}/opened";
}
