using ResetTrail.Core.Policy;
using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Engine;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Detection.Rules.Kinds;

/// <summary>
/// A change to an account that holds an admin role. Privileged accounts are those the configuration names
/// (<c>accounts: privileged: true</c>), those seen granted a privileged role, and those a case put in a
/// dual-control tier. The learned set is bounded by the key cap (counted when hit).
/// </summary>
internal sealed class PrivilegedTargetRule(
    RuleInfo info,
    RuleSettings settings,
    IReadOnlyList<ChangeKind> kinds,
    string what,
    RuleBuild build) : DetectionRule(info, settings, RuleDefaults.None)
{
    private readonly HashSet<string> privileged = new(StringComparer.Ordinal);

    public override IReadOnlyList<ChangeKind>? Kinds => [.. kinds, ChangeKind.RoleGranted];

    public override bool WantsSignals => true;

    public override void Observe(Observation o, RuleContext context)
    {
        var config = context.Config;
        if ((o.Event is { Kind: ChangeKind.RoleGranted, Success: true } e && (config.IsPrivilegedRole(e.Role) || e.Source is "okta" or "windows"))
            || (o.Signal is { } s && config.DualControlTiers.Contains(s.Tier) && s.Tier != Tier.Standard))
        {
            if (privileged.Count < build.MaxKeys)
            {
                privileged.Add(o.Target);
            }
            else
            {
                build.Stats.StateCapHits++;
            }

            return;
        }

        if (Allowed(o) || !Is.Kind(o, [.. kinds]))
        {
            return;
        }

        if (privileged.Contains(o.Target) || config.IsPrivilegedAccount(o.Target))
        {
            context.Raise(this, o.Target, [o], o.Time, "any change of authentication methods on an account holding an admin role",
                $"{what} on privileged account {o.Target}: {o.Event!.SourceEventType} by {o.Actor ?? "(unknown)"}");
        }
    }
}
