using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Engine;

namespace ResetTrail.Detection.Rules;

/// <summary>
/// The bounds every rule's state is built with, and the state that instances of one base rule share (ADR 0044): a
/// base rule and its configured instances differ in threshold, window and allow-list, not in what they remember.
/// </summary>
internal sealed record RuleBuild(int MaxKeys, int MaxPerKey, EngineStats Stats)
{
    private readonly Dictionary<string, object> shared = new(StringComparer.Ordinal);

    /// <summary>The state shared by every instance of <paramref name="info"/>'s base rule, made by the first to ask.</summary>
    public T Share<T>(RuleInfo info, Func<T> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(create);
        var key = (info.BaseId ?? info.Id) + "|" + typeof(T).Name;
        if (shared.TryGetValue(key, out var existing) && existing is T known && known is not IFull { IsFull: true })
        {
            return known;
        }

        var made = create();
        shared[key] = made;
        return made;
    }
}

/// <summary>Shared state that takes a bounded number of members; a full one makes the next instance start a new one.</summary>
internal interface IFull
{
    bool IsFull { get; }
}

/// <summary>A rule as the catalog knows it: what it is, its default threshold and window, and how to build it from settings.</summary>
internal sealed record RuleDefinition(RuleInfo Info, RuleDefaults Defaults, Func<RuleInfo, RuleSettings, RuleDefaults, RuleBuild, DetectionRule> Create)
{
    /// <summary>Parameterised rules (bursts, sequences) take extra configured instances; a single-event rule gains nothing from one.</summary>
    public bool Configurable => Defaults.Window > TimeSpan.Zero;
}
