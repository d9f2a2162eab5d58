using ResetTrail.Core.Workflow;
using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Engine;
using ResetTrail.Detection.Rules.Kinds;
using ResetTrail.Detection.Signals;
using static ResetTrail.Detection.Rules.PublishedRules;
using static ResetTrail.Ingestion.Events.ChangeKind;

namespace ResetTrail.Detection.Rules;

/// <summary>
/// What no published rule can do, because none sees the case: verifications, approvals, tiers, sites, third
/// parties, callers. They join identity events with case signals (<see cref="CaseSignal"/>).
/// </summary>
internal static class CaseAwareRules
{
    private const string Desk = "service-desk-governance";
    private const string Identity = "identity-security";

    public static IEnumerable<RuleDefinition> All()
    {
        yield return new RuleDefinition(Info("RT-D101", "Reset after a failed verification on the same target", Severity.High, "T1656", Desk),
            new RuleDefaults(1, TimeSpan.FromHours(24)), (info, s, d, b) => new SequenceRule(info, s, d, [.. Is.CredentialKinds, Other], true,
                [new Step("failed verification", (o, _) => Is.Signal(o, CaseSignalKind.VerificationFailed) || (Is.Type(o, "user.identity_verification") && !o.Event!.Success), Target),
                 new Step("reset", (o, _) => Is.Reset(o), Target)],
                anyOrder: false, "target", b) { OtherTypes = Types(["user.identity_verification"]) });

        yield return new RuleDefinition(Info("RT-D102", "Reset outside the business hours of the target's site", Severity.Medium, "T1098", Desk),
            RuleDefaults.None, (info, s, _, b) => new HoursRule(info, s, Is.CredentialKinds, Is.Reset, "reset", b.MaxKeys));

        yield return Single("RT-D103", "Reset whose case lacks the approvals its tier requires", Severity.High, "T1098", Desk, [],
            (o, c) => o.Signal is { Kind: CaseSignalKind.Executed } s && s.ApprovalsValid < Required(s, c),
            "valid approvals at execution at least what the case's decision and the tier minimum require",
            o => $"case {o.Signal!.CaseId} executed with {o.Signal.ApprovalsValid} valid approval(s) for a {Core.WireName.Of(o.Signal.Tier)} target ({o.Target})", signals: true);

        yield return Single("RT-D104", "Privileged reset not under dual control", Severity.High, "T1098", Desk, [],
            (o, c) => o.Signal is { Kind: CaseSignalKind.Executed } s && c.DualControlTiers.Contains(s.Tier)
                && !s.Approvers.Any(a => !string.Equals(a, s.Actor, StringComparison.OrdinalIgnoreCase)),
            "a privileged-tier reset executed with no approver other than the executor",
            o => $"case {o.Signal!.CaseId}: {o.Signal.Actor} reset {Core.WireName.Of(o.Signal.Tier)} account {o.Target} with no second person approving", signals: true);

        yield return new RuleDefinition(Info("RT-D105", "Temporary access pass issued with no case", Severity.High, "T1098", Desk),
            new RuleDefaults(1, TimeSpan.FromHours(1)), (info, s, d, b) => new AbsenceRule(info, s, d, [TemporaryAccessPassIssued], true,
                new Step("temporary access pass", (o, _) => Is.Kind(o, TemporaryAccessPassIssued), Target),
                new Step("case", (o, _) => o.Signal is not null, Target),
                TimeSpan.FromDays(1), "target", b));

        yield return Single("RT-D106", "Reset initiated by a third party outside its contract hours", Severity.High, "T1199", Desk, Is.CredentialKinds,
            (o, c) => (Is.Credential(o) || Is.Signal(o, CaseSignalKind.CaseOpened) || Is.Signal(o, CaseSignalKind.Executed))
                && Is.ThirdPartyActor(o, c, out var party) && !BusinessClock.IsWithin(party!.Hours, o.Time),
            "third-party resets inside the contract hours configured for the party",
            o => $"third party ({o.Signal?.Organisation ?? o.Actor}) {(o.Signal is null ? "changed credentials of" : "asked for a reset of")} {o.Target} at {Format.Time(o.Time)}, outside its contract hours",
            signals: true);

        yield return new RuleDefinition(Info("RT-D107", "Reset, new factor, then sign-in from a new network, country or device", Severity.Critical, "T1556.006", Identity),
            new RuleDefaults(1, TimeSpan.FromHours(24)), (info, s, d, b) => new NewContextRule(info, s, d, [.. Is.CredentialKinds, MfaFactorEnabled, SignIn],
                [new Step("reset", (o, _) => Is.Reset(o), Target), new Step("factor enrolled", (o, _) => Is.Kind(o, MfaFactorEnabled), Target)],
                new Step("sign-in", (o, _) => Is.SignInOk(o), Target), "user", b with { MaxPerKey = 64 }));

        yield return new RuleDefinition(Info("RT-D108", "Reset followed by an admin role grant or admin console access", Severity.Critical, "T1098.003", Identity),
            new RuleDefaults(1, TimeSpan.FromHours(24)), (info, s, d, b) => new SequenceRule(info, s, d, [.. Is.CredentialKinds, RoleGranted], true,
                [new Step("reset", (o, _) => Is.Reset(o), Target),
                 new Step("admin role or admin console", (o, c) => Is.Kind(o, RoleGranted) || Is.AdminConsole(o, c), Target)],
                anyOrder: false, "target", b) { ReadsAdminConsole = true });

        yield return Burst("RT-D109", "Burst of resets by one agent", Severity.High, "T1098", Desk, 5, TimeSpan.FromHours(1),
            Is.CredentialKinds, o => (Is.Credential(o) && Subjects.IsOther(o)) || Is.Signal(o, CaseSignalKind.Executed), o => o.Actor, Target,
            "targets", "agent", signals: true);

        yield return Burst("RT-D110", "Same caller or channel used for several targets", Severity.High, "T1656", Desk, 3, TimeSpan.FromHours(24),
            [], o => Is.Signal(o, CaseSignalKind.CaseOpened) && o.Signal!.Requester is not null, Caller, Target,
            "targets", "caller", signals: true);
    }

    private static int Required(CaseSignal s, Config.DetectionConfig c) =>
        Math.Max(s.ApprovalsRequired, c.TierApprovals.TryGetValue(s.Tier, out var n) ? n : 0);

    private static string? Caller(Observation o) => o.Signal?.Requester?.ToLowerInvariant();
}
