namespace ResetTrail.Cli.Demo;

/// <summary>
/// Who plays which part in one case. Every role is a different person (the sample policy's administrator rules
/// keep all parties apart), chosen so no approver verified, executed or asked for the reset.
/// </summary>
internal sealed class DemoCast
{
    /// <summary>The self-service portal, which verifies and executes on the user's own behalf.</summary>
    public const string Portal = "selfservice-portal";

    /// <summary>The scheduler that expires cases nobody finished.</summary>
    public const string Scheduler = "resettrail-scheduler";

    /// <summary>The identity-provider ingestion that links the IdP's own record of the change.</summary>
    public const string IdpSync = "okta-log-sync";

    private readonly HashSet<string> taken = new(StringComparer.OrdinalIgnoreCase);

    public DemoCast(CasePlan plan, Roster roster, DemoRandom random)
    {
        taken.Add(plan.Request.Requester);
        taken.Add(plan.Target.Id);
        if (plan.SelfService)
        {
            (Verifier, SecondVerifier, Executor) = (Portal, Portal, Portal);
            return;
        }

        var agents = roster.Agents[plan.Site];
        Verifier = Take(agents, random);
        SecondVerifier = random.Chance(0.3) ? Take(agents, random) : Verifier;
        Executor = Take(agents, random);
    }

    public string Verifier { get; } = Portal;

    /// <summary>A colleague who takes over a second attempt now and then.</summary>
    public string SecondVerifier { get; } = Portal;

    public string Executor { get; } = Portal;

    public List<string> Approvers { get; } = [];

    /// <summary>Someone from <paramref name="pool"/> who has no other part in this case yet.</summary>
    public string Take(IReadOnlyList<string> pool, DemoRandom random)
    {
        var free = pool.Where(p => !taken.Contains(p)).ToList();
        if (free.Count == 0)
        {
            throw new InvalidOperationException($"demo bug: nobody left in [{string.Join(", ", pool)}] without a part in this case");
        }

        var chosen = random.Pick(free);
        taken.Add(chosen);
        return chosen;
    }
}
