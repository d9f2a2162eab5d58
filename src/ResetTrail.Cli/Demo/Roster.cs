using ResetTrail.Core.Policy;

namespace ResetTrail.Cli.Demo;

/// <summary>An account the desk may be asked to reset, with the directory attributes the sample policy assigns tiers from.</summary>
internal sealed record Person(string Directory, string Id, string DisplayName, string Site, IReadOnlyList<string> Groups, Tier Tier, string Manager)
{
    public TargetIdentity Identity => new(Directory, Id) { DisplayName = DisplayName, Groups = Groups, Site = Site };
}

/// <summary>
/// The demo company: accounts at three sites (tiers by the sample policy's groups), and the desk's staff by the
/// authority they approve as. Fixed, not drawn from the seed, so a seed changes the month and not the people.
/// </summary>
internal sealed class Roster
{
    public const string Domain = "demo.example";

    /// <summary>Sites as the sample policy names them, with their share of the desk's calls.</summary>
    public static readonly IReadOnlyList<(string Item, int Weight)> Sites = [("london", 50), ("new-york", 35), ("singapore", 15)];

    private static readonly string[] First =
    [
        "amara", "ben", "chloe", "dev", "elena", "farid", "grace", "hiro", "isla", "jonas", "kemi", "liam", "maya", "noah", "olga", "priya",
        "quentin", "rosa", "sami", "tara", "umar", "vera", "wei", "xena", "yusuf", "zoe", "arjun", "bea", "carlos", "dina",
    ];

    private static readonly string[] Last =
    [
        "adeyemi", "brook", "chen", "dubois", "evans", "fischer", "garcia", "hughes", "ibrahim", "jensen", "kowalski", "lopez", "mensah",
        "nakamura", "okafor", "patel", "quinn", "rossi", "schmidt", "tanaka", "usman", "varga", "walsh", "xu", "yilmaz", "zhang",
    ];

    private static readonly (Tier Tier, string? Group, int Weight)[] HumanTiers =
    [
        (Tier.Standard, null, 70), (Tier.Privileged, "IT Operations", 10), (Tier.Admin, "Domain Admins", 5),
        (Tier.Executive, "Executive Leadership", 5), (Tier.Finance, "Finance Treasury", 10),
    ];

    private static readonly string[] ServiceAccounts =
        ["svc-payroll-sync", "svc-backup", "svc-ci-deploy", "svc-crm-export", "svc-hr-feed", "svc-monitoring", "svc-reporting", "WEB01$"];

    private static readonly string[] StandardGroups = ["Sales", "Engineering", "Marketing", "Operations", "Legal", "Support"];

    private readonly Dictionary<string, List<string>> staffByAuthority = [];

    private Roster()
    {
    }

    public IReadOnlyList<Person> People { get; private set; } = [];

    /// <summary>Desk agents per site: they open cases, verify callers and execute resets.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Agents { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Developers who own service accounts and ask for their secrets to be rotated.</summary>
    public IReadOnlyList<string> Developers { get; } = [$"dev.okoro@{Domain}", $"dev.lindqvist@{Domain}", $"dev.moreau@{Domain}"];

    public static Roster Create()
    {
        var random = new DemoRandom(0x5EED_0F_DE40UL);
        var roster = new Roster();
        var people = new List<Person>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (site, weight) in Sites)
        {
            for (var i = 0; i < weight * 3; i++)
            {
                string first, last, id;
                do
                {
                    (first, last) = (random.Pick(First), random.Pick(Last));
                    id = $"{first}.{last}@{Domain}";
                }
                while (!used.Add(id));

                var (tier, group, _) = random.Weighted([.. HumanTiers.Select(t => ((t.Tier, t.Group, t.Weight), t.Weight))]);
                string[] groups = group is null ? [random.Pick(StandardGroups)] : [group, "Staff"];
                people.Add(new Person("okta", id, $"{Title(first)} {Title(last)}", site, groups, tier, string.Empty));
            }
        }

        // A manager is someone else at the same site; the requester when the policy keeps requester and target apart.
        roster.People =
        [
            .. people.Select(p => p with { Manager = random.Pick([.. people.Where(q => q.Site == p.Site && q.Id != p.Id)]).Id }),
            .. ServiceAccounts.Select(s => new Person("svc", s, s, "london", [], Tier.NonHuman, roster.Developers[s.Length % roster.Developers.Count])),
        ];
        roster.Agents = Sites.ToDictionary(
            s => s.Item, s => (IReadOnlyList<string>)[.. Enumerable.Range(1, 4).Select(n => $"desk{n}.{s.Item}@{Domain}")]);
        roster.staffByAuthority["service_desk_lead"] = ["lead.hughes@" + Domain, "lead.nakamura@" + Domain, "lead.evans@" + Domain];
        roster.staffByAuthority["it_manager"] = ["itm.fischer@" + Domain, "itm.garcia@" + Domain, "itm.chen@" + Domain];
        roster.staffByAuthority["security"] = ["soc.mensah@" + Domain, "soc.varga@" + Domain, "soc.tanaka@" + Domain, "soc.walsh@" + Domain];
        // Owners too come four to a pool: after two failed verifications a rule asking for one owner's approval asks
        // for three (add_approvals), all different people, and one of them may be the requester.
        roster.staffByAuthority["iam_owner"] = ["iam.rossi@" + Domain, "iam.patel@" + Domain, "iam.okafor@" + Domain, "iam.lindqvist@" + Domain];
        roster.staffByAuthority["app_owner"] = ["owner.jensen@" + Domain, "owner.quinn@" + Domain, "owner.moreau@" + Domain, "owner.sato@" + Domain];
        return roster;
    }

    /// <summary>Who approves (or reviews) as <paramref name="authority"/>; a policy naming an authority the demo has no staff for is a demo bug.</summary>
    public IReadOnlyList<string> StaffFor(string authority) =>
        staffByAuthority.TryGetValue(authority, out var staff)
            ? staff
            : throw new InvalidOperationException($"the demo has no staff for approval authority '{authority}'");

    /// <summary>Someone at the third party who calls the desk.</summary>
    public static string ThirdPartyContact(string organisation, DemoRandom random) =>
        $"{random.Pick(First)}.{random.Pick(Last)}@{organisation.ToLowerInvariant().Replace(' ', '-')}.example";

    private static string Title(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
