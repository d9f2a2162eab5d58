using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Cli.Demo;

/// <summary>A request the demo will open, with the decision the policy gives it and who plays which part.</summary>
internal sealed record CasePlan(OpenCaseRequest Request, PolicyDecision Decision, Person Target, string Site)
{
    /// <summary>Self-service through the portal: the policy keeps no parties apart, and no desk agent takes part.</summary>
    public bool SelfService => Decision.DistinctParties.Count == 0;
}

/// <summary>
/// Draws a request that fits a slot's scenario by asking the policy: a candidate (target, kind, channel,
/// initiator) is kept only when its decision lets the scenario run its course (allowed or not, inside or outside
/// the site's hours, with an emergency path, approvals that outlast the cooling-off). Nothing is hard-coded per rule.
/// </summary>
internal sealed class CasePlanner(ResetPolicy policy, Roster roster, Func<TargetIdentity, DateTimeOffset, int> failuresBefore)
{
    private const int Attempts = 200;

    private static readonly (Tier Item, int Weight)[] TierWeights =
        [(Tier.Standard, 60), (Tier.Privileged, 10), (Tier.Admin, 7), (Tier.Executive, 7), (Tier.Finance, 8), (Tier.NonHuman, 8)];

    private static readonly (ResetKind Item, int Weight)[] KindWeights =
        [(ResetKind.Password, 50), (ResetKind.MfaFactor, 24), (ResetKind.AllFactors, 8), (ResetKind.TemporaryAccessPass, 10), (ResetKind.RecoveryCodes, 8)];

    private static readonly (Channel Item, int Weight)[] ChannelWeights =
        [(Channel.Phone, 45), (Channel.Chat, 15), (Channel.WalkIn, 10), (Channel.Portal, 22), (Channel.VendorLine, 8)];

    private static readonly (Initiator Item, int Weight)[] InitiatorWeights =
    [
        (new Initiator(InitiatorType.Internal, null), 82), (new Initiator(InitiatorType.Vendor, "Acme Support"), 6),
        (new Initiator(InitiatorType.Msp, "Northwind MSP"), 6), (new Initiator(InitiatorType.IdpSupport, "Okta Support"), 6),
    ];

    private static readonly Tier[] EmergencyTiers = [Tier.Admin, Tier.Executive, Tier.Privileged];

    /// <summary>Rules whose approvals expire before their cooling-off ends: no case under them can ever be executed.</summary>
    public SortedSet<string> UnexecutableRules { get; } = new(StringComparer.Ordinal);

    public CasePlan Plan(Slot slot, string caseId, int ticket, DemoRandom random)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var (target, kind, channel, initiator) = Candidate(slot, random, biased: attempt < Attempts / 2);
            var failures = failuresBefore(target.Identity, slot.At);
            var decision = policy.Decide(new RequestFacts(target.Identity, kind, channel, initiator.Type) { RecentFailedVerifications = failures });
            if (!Fits(slot, decision, failures, target, kind, channel, initiator))
            {
                continue;
            }

            var requester = Requester(decision, target, initiator, random);
            var opener = decision.DistinctParties.Count == 0 ? DemoCast.Portal : random.Pick(roster.Agents[slot.Site]);
            var request = new OpenCaseRequest(
                caseId,
                new Ticket("servicenow", $"INC{ticket:D7}", $"https://servicedesk.{Roster.Domain}/INC{ticket:D7}"),
                target.Identity,
                kind,
                channel,
                initiator,
                requester,
                opener)
            { RecentFailedVerifications = failures };
            return new CasePlan(request, decision, target, slot.Site);
        }

        throw new InvalidOperationException($"demo bug: no request in {Attempts} tries fits scenario {slot.Scenario} at {slot.At:O} ({slot.Site})");
    }

    private (Person Target, ResetKind Kind, Channel Channel, Initiator Initiator) Candidate(Slot slot, DemoRandom random, bool biased)
    {
        var tier = random.Weighted(TierWeights);
        var kind = random.Weighted(KindWeights);
        var channel = random.Weighted(ChannelWeights);
        var initiator = random.Weighted(InitiatorWeights);
        if (biased && slot.Scenario == Scenario.DeniedByPolicy)
        {
            // The refusals the sample policy opens with: an administrator over chat, a service account over the phone.
            (tier, channel, initiator) = random.Chance(0.65) ? (Tier.Admin, Channel.Chat, InitiatorWeights[0].Item) : (Tier.NonHuman, Channel.Phone, InitiatorWeights[0].Item);
        }
        else if (biased && slot.Scenario.Emergency())
        {
            (tier, initiator) = (random.Pick(EmergencyTiers), InitiatorWeights[0].Item);
        }
        else if (tier == Tier.NonHuman && (biased || random.Chance(0.5)))
        {
            (kind, channel, initiator) = (random.Chance(0.85) ? ResetKind.NhiSecret : ResetKind.Password, Channel.Portal, InitiatorWeights[0].Item);
        }

        if (initiator.Type != InitiatorType.Internal && channel is Channel.Portal or Channel.WalkIn)
        {
            channel = random.Chance(0.5) ? Channel.VendorLine : Channel.Phone;
        }

        var site = tier == Tier.NonHuman ? "london" : slot.Site;
        var pool = roster.People.Where(p => p.Tier == tier && p.Site == site).ToList();
        return (random.Pick(pool), kind, channel, initiator);
    }

    private bool Fits(Slot slot, PolicyDecision decision, int failures, Person target, ResetKind kind, Channel channel, Initiator initiator)
    {
        var scenario = slot.Scenario;
        if (scenario == Scenario.DeniedByPolicy || !decision.Allowed)
        {
            return scenario == Scenario.DeniedByPolicy && !decision.Allowed;
        }

        // The decision the case will run under: after one failed verification when the scenario starts with one.
        var effective = scenario.FailsFirst()
            ? policy.Decide(new RequestFacts(target.Identity, kind, channel, initiator.Type) { RecentFailedVerifications = failures + 1 })
            : decision;
        if (scenario == Scenario.FailedThenPassed && !effective.Allowed)
        {
            return false;
        }

        if (scenario == Scenario.Expired)
        {
            return decision.Approvals.Count > 0;
        }

        if (!scenario.Executes())
        {
            return true;
        }

        if (effective.Approvals.Count > 0 && effective.CoolingOff >= effective.Approvals.Validity)
        {
            UnexecutableRules.Add($"{effective.RuleId} (cooling-off {effective.CoolingOff.TotalHours:0.#}h, approvals valid {effective.Approvals.Validity.TotalHours:0.#}h)");
            return false;
        }

        var latest = slot.At + DemoTimings.LongestBeforeExecution(effective);
        var hours = effective.BusinessHours;
        return scenario.Emergency()
            ? hours is { Outside: "emergency" } && effective.Emergency is not null && !BusinessClock.IsWithin(hours, slot.At) && !BusinessClock.IsWithin(hours, latest)
            : hours is null || (BusinessClock.IsWithin(hours, slot.At) && BusinessClock.IsWithin(hours, latest));
    }

    private static string Requester(PolicyDecision decision, Person target, Initiator initiator, DemoRandom random)
    {
        if (initiator.Organisation is { } organisation)
        {
            return Roster.ThirdPartyContact(organisation, random);
        }

        var apart = decision.DistinctParties.Any(p => p is (CaseRole.Requester, CaseRole.Target) or (CaseRole.Target, CaseRole.Requester));
        return apart || (decision.DistinctParties.Count > 0 && random.Chance(0.15)) ? target.Manager : target.Id;
    }
}
