using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Engine;

namespace ResetTrail.Detection.Rules;

/// <summary>The bounds every rule's state is built with.</summary>
internal sealed record RuleBuild(int MaxKeys, int MaxPerKey, EngineStats Stats);

/// <summary>A rule as the catalog knows it: what it is, its default threshold and window, and how to build it from settings.</summary>
internal sealed record RuleDefinition(RuleInfo Info, RuleDefaults Defaults, Func<RuleInfo, RuleSettings, RuleDefaults, RuleBuild, DetectionRule> Create)
{
    /// <summary>Parameterised rules (bursts, sequences) take extra configured instances; a single-event rule gains nothing from one.</summary>
    public bool Configurable => Defaults.Window > TimeSpan.Zero;
}
