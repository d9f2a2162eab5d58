using ResetTrail.Core.Policy.Deciding;
using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Engine;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Detection.Rules;

/// <summary>
/// A stateful rule. The engine hands it, in event-time order, only the observations its <see cref="Kinds"/> and
/// <see cref="WantsSignals"/> say it needs, and calls <see cref="Expire"/> as the watermark moves so state is evicted
/// and absence conditions ("not re-activated within 12h") are decided.
/// </summary>
internal abstract class DetectionRule(RuleInfo info, RuleSettings settings, RuleDefaults defaults)
{
    public RuleInfo Info { get; } = settings.Severity is { } s ? info with { Severity = s } : info;

    public int Threshold { get; } = settings.Threshold ?? defaults.Threshold;

    public TimeSpan Window { get; } = settings.Window ?? defaults.Window;

    public TimeSpan? Throttle { get; } = settings.Throttle;

    private readonly Glob.Compiled[] allow = [.. settings.Allow.Select(Glob.Compile)];

    /// <summary>The identity-event kinds this rule reads; null for every kind.</summary>
    public abstract IReadOnlyList<ChangeKind>? Kinds { get; }

    public virtual bool WantsSignals => false;

    /// <summary>
    /// A rule that keeps no state (one observation decides) needs no event-time order: the engine hands it each
    /// observation on arrival, so its alerts do not wait for the allowed lateness.
    /// </summary>
    public virtual bool Stateless => false;

    /// <summary>
    /// When set, the only source event types of kind <see cref="ChangeKind.Other"/> this rule can match (the types
    /// its predicate names). Lets a reader skip, unparsed, the records no rule of a set can read
    /// (<see cref="Engine.DetectionEngine.Reads"/>). Null: any type of the kinds it reads.
    /// </summary>
    public IReadOnlySet<string>? OtherTypes { get; init; }

    /// <summary>
    /// Also reads the events whose source type matches the configured <c>admin_console_events</c>, whatever their
    /// kind (the admin-console rules): the engine hands it every kind, and a reader skips only what matches neither.
    /// </summary>
    public bool ReadsAdminConsole { get; init; }

    /// <summary>Whether this rule can match an event of <paramref name="kind"/> and source type <paramref name="eventType"/>.</summary>
    public bool Reads(ChangeKind kind, string eventType, DetectionConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (ReadsAdminConsole && Is.AnyGlob(config.AdminConsoleEvents, eventType))
        {
            return true;
        }

        return (Kinds is null || Kinds.Contains(kind)) && (kind != ChangeKind.Other || OtherTypes is null || OtherTypes.Contains(eventType));
    }

    public abstract void Observe(Observation o, RuleContext context);

    public virtual void Expire(DateTimeOffset watermark, RuleContext context)
    {
    }

    /// <summary>Whether the allow-list exempts the observation (its target or actor matches).</summary>
    protected bool Allowed(Observation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        for (var i = 0; i < allow.Length; i++)
        {
            if (allow[i].Matches(o.Target) || (o.Actor is { } a && allow[i].Matches(a)))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A rule's default threshold and window, used when the configuration does not set them.</summary>
internal readonly record struct RuleDefaults(int Threshold, TimeSpan Window)
{
    public static RuleDefaults None => new(1, TimeSpan.Zero);
}
