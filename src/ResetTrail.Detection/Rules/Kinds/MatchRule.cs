using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Engine;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Detection.Rules.Kinds;

/// <summary>One observation is enough: a predicate over the event (or signal) and the configuration.</summary>
internal sealed class MatchRule(
    RuleInfo info,
    RuleSettings settings,
    IReadOnlyList<ChangeKind>? kinds,
    Func<Observation, DetectionConfig, bool> matches,
    Func<Observation, string> describe,
    string condition,
    bool signals = false) : DetectionRule(info, settings, RuleDefaults.None)
{
    public override IReadOnlyList<ChangeKind>? Kinds => kinds;

    public override bool WantsSignals => signals;

    public override bool Stateless => true;

    public override void Observe(Observation o, RuleContext context)
    {
        if (!Allowed(o) && matches(o, context.Config))
        {
            context.Raise(this, o.Target, [o], o.Time, condition, describe(o));
        }
    }
}
