using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Core.Tests.Workflow;

/// <summary>What a move asks for; the interpreter turns it into the command against the case as it stands.</summary>
internal enum MoveKind
{
    Verify,
    Approve,
    Deny,
    Execute,
    FailExecution,
    Link,
    Task,
    Review,
    Close,
    Cancel,
    Expire,
}

/// <summary>Which digest an approval names: what the case reads now, the first it ever read, another case's, or junk.</summary>
internal enum DigestChoice
{
    Current,
    Stale,
    OtherCase,
    Junk,
}

/// <summary>One move; <paramref name="Typical"/> moves are made by the person who usually plays the role, others by anyone.</summary>
internal sealed record Move(MoveKind Kind, bool Typical, int Actor, VerificationMethod Method, bool Passed, DigestChoice Digest, bool Emergency, int Authority, PostResetTaskKind Task, TimeSpan Wait)
{
    public override string ToString() => $"+{Wait} {Kind} by {(Typical ? "the usual person" : RandomRuns.People[Actor])} ({Method}, {(Passed ? "pass" : "fail")}, {Digest}, {(Emergency ? "emergency" : "normal")}, {RandomRuns.Authorities[Authority]}, {Task})";
}

internal sealed record Run(int Policy, IReadOnlyList<Move> Moves)
{
    public override string ToString() => $"policy {RandomRuns.PolicyNames[Policy]}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", Moves)}";
}

/// <summary>The outcome of interpreting a run: what was accepted, what was refused, and rule breaches the oracle saw.</summary>
internal sealed record RunResult(CaseDriver Driver, IReadOnlyList<DomainError> Refusals, IReadOnlyList<string> Breaches, int Executions);

/// <summary>Random command sequences over a small cast, applied the way a host applies them: only what succeeds.</summary>
internal static class RandomRuns
{
    /// <summary>The cast, plus spellings of alice that must count as her.</summary>
    public static readonly string[] People = [.. Actors.All, "Alice ", "ALICE"];

    public static readonly string[] Authorities = ["manager", "security", "helpdesk"];

    public static readonly string[] PolicyNames = ["standard + cooling-off", "emergency", "paris hours (emergency outside)", "no approvals", "tightening, step-up", "paris hours (deny outside)"];

    private static readonly string OtherCaseDigest = new CaseDriver(caseId: "RT-OTHER").Open().Verify().Case.ApprovalDigest();

    public static Arbitrary<Run> Arbitrary { get; } = Arb.From(
        from policy in Gen.Choose(0, PolicyNames.Length - 1)
        from count in Gen.Choose(4, 36)
        from moves in Gen.ListOf(MoveGen, count)
        select new Run(policy, [.. moves]));

    private static Gen<Move> MoveGen { get; } =
        from kind in Gen.Frequency(
            (12, Gen.Constant(MoveKind.Verify)), (16, Gen.Constant(MoveKind.Approve)), (1, Gen.Constant(MoveKind.Deny)),
            (12, Gen.Constant(MoveKind.Execute)), (1, Gen.Constant(MoveKind.FailExecution)), (4, Gen.Constant(MoveKind.Link)),
            (6, Gen.Constant(MoveKind.Task)), (4, Gen.Constant(MoveKind.Review)), (4, Gen.Constant(MoveKind.Close)),
            (1, Gen.Constant(MoveKind.Cancel)), (2, Gen.Constant(MoveKind.Expire)))
        from typical in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from actor in Gen.Choose(0, People.Length - 1)
        from method in Gen.Frequency(
            (4, Gen.Constant(VerificationMethod.PushToEnrolledDevice)), (3, Gen.Constant(VerificationMethod.CallbackOnRecord)), (2, Gen.Constant(VerificationMethod.IdDocumentLiveness)),
            (1, Gen.Elements(Enum.GetValues<VerificationMethod>())))
        from passed in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from digest in Gen.Frequency((12, Gen.Constant(DigestChoice.Current)), (2, Gen.Constant(DigestChoice.Stale)), (1, Gen.Constant(DigestChoice.OtherCase)), (1, Gen.Constant(DigestChoice.Junk)))
        from emergency in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from authority in Gen.Frequency((5, Gen.Constant(0)), (5, Gen.Constant(1)), (1, Gen.Constant(2)))
        from task in Gen.Elements(Enum.GetValues<PostResetTaskKind>())
        from wait in Gen.Frequency(
            (8, Gen.Constant(TimeSpan.Zero)),
            (3, Gen.Choose(1, 20_000_000).Select(ticks => TimeSpan.FromTicks(ticks))), // up to 2 s, with sub-millisecond parts
            (4, Gen.Choose(1, 120).Select(minutes => TimeSpan.FromMinutes(minutes))),
            (1, Gen.Choose(1, 30).Select(hours => TimeSpan.FromHours(hours))))
        select new Move(kind, typical, actor, method, passed, digest, emergency, authority, task, wait);

    public static CaseDriver NewDriver(int policy, string caseId = "RT-1")
    {
        var decision = policy switch
        {
            0 => Decisions.Standard() with { CoolingOff = TimeSpan.FromMinutes(30) },
            1 => Decisions.WithEmergency(),
            2 => Decisions.WithParisHours("emergency"),
            3 => Decisions.NoApprovals(),
            4 => Decisions.WithEmergency() with { Verification = Decisions.Standard().Verification with { StepUpRequired = true } },
            _ => Decisions.WithParisHours("deny"),
        };
        var tighten = policy == 4 ? FixedPolicy.DemandStrongerVerification : (Func<PolicyDecision, int, PolicyDecision>?)null;
        return new CaseDriver(policy: new FixedPolicy(decision, tighten), caseId: caseId).Open();
    }

    /// <summary>Plays the run; before any execution is applied, checks it against the rules independently of <see cref="ResetCase.ValidApprovals"/>.</summary>
    public static RunResult Play(Run run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var driver = NewDriver(run.Policy);
        var firstDigest = driver.Case.ApprovalDigest();
        var refusals = new List<DomainError>();
        var breaches = new List<string>();
        var executions = 0;
        foreach (var move in run.Moves)
        {
            driver.Advance(move.Wait);
            var outcome = Command(driver, move, firstDigest);
            if (!outcome.IsSuccess)
            {
                refusals.Add(outcome.Error);
                continue;
            }

            if (outcome.Value.Type == EvidenceType.ResetExecuted)
            {
                breaches.AddRange(ExecutionBreaches(driver, outcome.Value));
                executions++;
            }

            driver.Case.Apply(outcome.Value);
            driver.Records.Add(outcome.Value);
        }

        return new RunResult(driver, refusals, breaches, executions);
    }

    private static Outcome<EvidenceRecord> Command(CaseDriver driver, Move move, string firstDigest)
    {
        var (c, now) = (driver.Case, driver.Now);
        var actor = !move.Typical ? People[move.Actor] : move.Kind switch
        {
            MoveKind.Verify => Actors.Verifier,
            MoveKind.Approve or MoveKind.Deny => move.Actor % 2 == 0 ? Actors.Approver : Actors.SecondApprover,
            MoveKind.Review => Actors.Reviewer,
            MoveKind.Cancel => Actors.Requester,
            _ => Actors.Executor,
        };
        return move.Kind switch
        {
            MoveKind.Verify => CaseCommands.Verify(c, actor, move.Method, move.Passed, ["sha256:aa"], driver.Policy, now),
            MoveKind.Approve => CaseCommands.Approve(c, actor, Authorities[move.Authority], move.Digest switch
            {
                DigestChoice.Current => c.ApprovalDigest(),
                DigestChoice.Stale => firstDigest,
                DigestChoice.OtherCase => OtherCaseDigest,
                DigestChoice.Junk => "not-a-digest",
            }, move.Emergency, null, now),
            MoveKind.Deny => CaseCommands.Deny(c, actor, "not convinced", now),
            MoveKind.Execute => CaseCommands.Execute(c, actor, move.Passed ? "okta-evt" : null, move.Passed ? now : null, now),
            MoveKind.FailExecution => CaseCommands.FailExecution(c, actor, "IdP timeout", now),
            MoveKind.Link => CaseCommands.LinkIdpEvent(c, actor, "okta", $"evt-{c.IdpEvents.Count}", null, now),
            MoveKind.Task => CaseCommands.CompleteTask(c, actor, move.Task, null, now),
            MoveKind.Review => CaseCommands.ReviewEmergency(c, actor, Authorities[move.Authority], null, now),
            MoveKind.Close => CaseCommands.Close(c, actor, null, now),
            MoveKind.Cancel => CaseCommands.Cancel(c, actor, "duplicate", now),
            MoveKind.Expire => CaseCommands.Expire(c, actor, now),
        };
    }

    /// <summary>
    /// The execution rules recomputed from the accepted entries themselves: verification met, enough distinct
    /// approvers whose entries name today's digest and have not expired, and no executor who plays another role.
    /// </summary>
    private static IEnumerable<string> ExecutionBreaches(CaseDriver driver, EvidenceRecord execution)
    {
        var c = driver.Case;
        var at = execution.At;
        var digest = c.ApprovalDigest();
        if (!c.VerificationSatisfied())
        {
            yield return "executed without the verification the decision requires";
        }

        var approvals = driver.Records.Where(r => r.Type == EvidenceType.ApprovalGranted).ToList();
        var emergency = c.Decision.Emergency is { } path && approvals.Any(r => r.Data["emergency"]!.GetValue<bool>()) ? path.Approvals : (int?)null;
        var required = emergency ?? c.Decision.Approvals.Count;
        var counted = approvals
            .Where(r => r.Data["digest"]!.GetValue<string>() == digest && EvidenceRecord.ParseTime(r.Data["expires_at"]!.GetValue<string>()) > at)
            .Select(r => r.Actor.Trim().ToUpperInvariant())
            .Distinct()
            .ToList();
        if (counted.Count < required)
        {
            yield return $"executed with {counted.Count} distinct valid approver(s) of {required}";
        }

        if (c.ValidApprovals(at).Count < c.ApprovalsRequired || c.ValidApprovals(at).Any(a => a.Digest != digest))
        {
            yield return "executed without enough approvals of the current digest";
        }

        var executor = execution.Actor.Trim().ToUpperInvariant();
        var others = counted.Concat(c.Verifications.Select(v => v.Verifier.Trim().ToUpperInvariant())).Append(c.Requester.ToUpperInvariant()).Append(c.Target.Id.ToUpperInvariant());
        if (others.Contains(executor))
        {
            yield return $"{execution.Actor} executed while playing another role";
        }
    }

    /// <summary>Everything observable about a case, times as evidence writes them, for comparing a case with its replay.</summary>
    public static string Fingerprint(ResetCase c, DateTimeOffset now) => new JsonObject
    {
        ["state"] = WireName.Of(c.State),
        ["digest"] = c.ApprovalDigest(),
        ["decision"] = PolicyDecisionJson.ToJson(c.Decision),
        ["emergency"] = c.EmergencyPath,
        ["review"] = c.EmergencyReview is { } r ? $"{r.Reviewer}@{EvidenceRecord.FormatTime(r.At)}" : null,
        ["verifications"] = new JsonArray([.. c.Verifications.Select(v => (JsonNode)$"{v.Attempt} {v.Verifier} {v.Method} {v.Passed} {EvidenceRecord.FormatTime(v.At)} {v.EntryDigest}")]),
        ["approvals"] = new JsonArray([.. c.Approvals.Select(a => (JsonNode)$"{a.Approver} {a.Authority} {a.Digest} {EvidenceRecord.FormatTime(a.At)} {EvidenceRecord.FormatTime(a.ExpiresAt)} {a.Emergency}")]),
        ["valid"] = c.ValidApprovals(now).Count,
        ["execution"] = c.Execution is { } e ? $"{e.Executor} {EvidenceRecord.FormatTime(e.At)} {e.IdpEventId} {string.Join(",", e.ApprovalsUsed)}" : null,
        ["links"] = c.IdpEvents.Count,
        ["tasks"] = new JsonArray([.. c.CompletedTasks.Select(t => (JsonNode)$"{t.Kind} {t.By} {EvidenceRecord.FormatTime(t.At)}")]),
        ["outstanding"] = c.OutstandingTasks().Count,
        ["ended"] = c.EndedAt is { } ended ? $"{EvidenceRecord.FormatTime(ended)} {c.EndReason}" : null,
        ["steps"] = new JsonArray([.. c.Steps.Select(s => (JsonNode)$"{s.Sequence} {s.Type} {s.Actor} {EvidenceRecord.FormatTime(s.At)} {s.Summary}")]),
        ["failures"] = new JsonArray([.. c.ControlFailures(now).Select(f => (JsonNode)f)]),
    }.ToJsonString();
}
