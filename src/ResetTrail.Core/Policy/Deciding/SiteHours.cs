using ResetTrail.Core.Policy.Model;

namespace ResetTrail.Core.Policy.Deciding;

/// <summary>
/// Which site's business hours apply: the rule's named site, else the target's own site, else the default
/// (first) site. A target whose site the policy does not know gets the default site, and the explanation says so.
/// </summary>
internal static class SiteHours
{
    public static BusinessHours? Resolve(PolicyDocument document, Sourced<BusinessHoursChoice?>? choice, TargetIdentity target, Explainer explain)
    {
        if (choice?.Value is not { } hours || document.Sites.Count == 0)
        {
            explain.Add("business_hours", choice?.RuleId ?? Explainer.BuiltIn, choice?.Line ?? 0, "none: the reset may run at any hour");
            return null;
        }

        var wanted = hours.Site ?? target.Site;
        var site = document.Sites.FirstOrDefault(s => s.Name == wanted) ?? document.Sites[0];
        var note = wanted is not null && site.Name != wanted ? $" (site '{wanted}' is not in the policy: default site used)" : string.Empty;
        var outside = hours.Outside == "deny" ? "outside them the reset is refused" : "outside them only the emergency path may proceed";
        explain.Add("business_hours", choice.RuleId, choice.Line,
            $"{site.Name} ({site.TimeZone}) {string.Join(",", site.Days.Select(d => d.ToString()[..3]))} {site.Start:HH\\:mm}-{site.End:HH\\:mm}{(site.End < site.Start ? " overnight" : string.Empty)}; {outside}{note}");
        return new BusinessHours(site.Name, site.TimeZone, site.Days, site.Start, site.End) { Outside = hours.Outside };
    }
}
