using System.Security.Cryptography;
using System.Text;
using ResetTrail.Core;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Reconciliation;
using ResetTrail.Ingestion.Tickets;

namespace ResetTrail.Ingestion.Tests.Reconciliation;

/// <summary>
/// Builds generated scenarios: cases driven through the real workflow under a fixed decision (one manager approval,
/// a strength-3 method, session revocation within an hour), identity-provider events and tickets, then reconciles.
/// </summary>
internal sealed class Scenario
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly List<ResetCase> cases = [];
    private readonly List<TicketRecord> tickets = [];
    private readonly List<IdentityEvent> events = [];

    public DateTimeOffset Now { get; set; } = Start.AddDays(10);

    public ReconcileSummary? Summary { get; private set; }

    public static IResetPolicy Policy { get; } = new OneApprovalPolicy();

    public ResetCase OpenCase(string id, string target, ResetKind kind = ResetKind.Password, InitiatorType initiator = InitiatorType.Internal, DateTimeOffset? at = null)
    {
        var request = new OpenCaseRequest(id, new Ticket("servicenow", "INC-" + id, null), new TargetIdentity("okta", target), kind, Channel.Phone,
            new Initiator(initiator, initiator == InitiatorType.Internal ? null : "Acme Support"), target, "agent.bob");
        var opened = ResetCase.FromOpened(Ok(CaseCommands.Open(request, Policy, at ?? Start)));
        cases.Add(opened);
        return opened;
    }

    /// <summary>Verified at +2m, approved by a manager at +5m, executed at +10m, sessions revoked at +15m.</summary>
    public ResetCase ExecutedCase(string id, string target, ResetKind kind = ResetKind.Password, string approver = "carol.manager", string executor = "dave.iam")
    {
        var c = OpenCase(id, target, kind);
        Verify(c, passed: true, Start.AddMinutes(2));
        Approve(c, approver, Start.AddMinutes(5));
        c.Apply(Ok(CaseCommands.Execute(c, executor, null, null, Start.AddMinutes(10))));
        c.Apply(Ok(CaseCommands.CompleteTask(c, executor, PostResetTaskKind.RevokeSessions, null, Start.AddMinutes(15))));
        return c;
    }

    public static void Verify(ResetCase c, bool passed, DateTimeOffset at) =>
        c.Apply(Ok(CaseCommands.Verify(c, "agent.bob", VerificationMethod.PushToEnrolledDevice, passed, [], null, at)));

    public static void Approve(ResetCase c, string approver, DateTimeOffset at) =>
        c.Apply(Ok(CaseCommands.Approve(c, approver, "manager", c.ApprovalDigest(), false, null, at)));

    public void Ticket(string key, string? target, ResetKind? kind, DateTimeOffset opened, DateTimeOffset? closed = null, string? approver = null, DateTimeOffset? approvedAt = null, string? thirdParty = null) =>
        tickets.Add(new TicketRecord
        {
            System = "servicenow", Key = key, Target = target, Kind = kind, Opened = opened, Closed = closed,
            Approvers = approver is null ? [] : [approver], ApprovedAt = approvedAt, ThirdParty = thirdParty,
        });

    public IdentityEvent Change(string target, DateTimeOffset at, ChangeKind kind = ChangeKind.PasswordReset, string actor = "dave.iam", string? id = null)
    {
        var change = new IdentityEvent
        {
            Source = "okta",
            SourceEventId = id ?? $"evt-{events.Count + 1}",
            SourceEventType = "user.account.reset_password",
            Time = at,
            Kind = kind,
            Target = new EventParty(null, target),
            Actor = new EventParty(null, actor),
            ProductName = "Okta System Log",
            VendorName = "Okta",
        };
        events.Add(change);
        return change;
    }

    public List<Finding> Reconcile()
    {
        var reconciler = new Reconciler(cases, tickets, EvidentPersonMatcher.Instance, new ReconcileOptions(), Now);
        var findings = reconciler.Reconcile(events).ToList();
        Summary = reconciler.Summary;
        return findings;
    }

    private static EvidenceRecord Ok(Outcome<EvidenceRecord> outcome) =>
        outcome.IsSuccess ? outcome.Value : throw new InvalidOperationException(outcome.Error.ToString());

    private sealed class OneApprovalPolicy : IResetPolicy
    {
        public string Hash { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("reconcile-test")));

        public string Version => "reconcile-test";

        public PolicyDecision Decide(RequestFacts facts) => new()
        {
            PolicyHash = Hash,
            PolicyVersion = Version,
            Tier = Tier.Standard,
            Kind = facts.Kind,
            Channel = facts.Channel,
            Initiator = facts.Initiator,
            RuleId = "test",
            RuleLine = 1,
            Verification = new VerificationRequirement([VerificationMethod.PushToEnrolledDevice], 3)
            {
                Strengths = new Dictionary<VerificationMethod, int> { [VerificationMethod.PushToEnrolledDevice] = 3 },
            },
            Approvals = new ApprovalRequirement(1, ["manager"], TimeSpan.FromHours(4)),
            Tasks = [new PostResetTask(PostResetTaskKind.RevokeSessions, TimeSpan.FromHours(1))],
            RetentionClass = "standard",
        };
    }
}
