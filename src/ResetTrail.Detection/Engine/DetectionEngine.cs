using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Rules;
using ResetTrail.Detection.Signals;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Detection.Engine;

/// <summary>
/// The streaming rule engine. Events and case signals go in as they arrive; they are put in event-time order
/// (waiting up to the allowed lateness for stragglers), handed to the rules that read their kind, and rules raise
/// alerts through dedup and throttle to the output. State is bounded: windows evict as the watermark moves, and
/// every cap that bites is counted in <see cref="Stats"/>. Not thread-safe: one engine per ingest loop.
/// </summary>
public sealed class DetectionEngine
{
    /// <summary>State is swept (windows evicted, absences decided) each time the watermark moves by this much.</summary>
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly DetectionConfig config;
    private readonly IDetectionOutput output;
    private readonly ReorderBuffer buffer;
    private readonly AlertGate gate;
    private readonly RuleContext context;
    private readonly List<DetectionRule> rules;
    private readonly DetectionRule[][] byKind;
    private readonly DetectionRule[] signalRules;
    private readonly DetectionRule[][] onArrivalByKind;
    private readonly DetectionRule[] onArrivalSignalRules;
    private readonly Action<Observation> dispatch;
    private DateTimeOffset lastSweep = DateTimeOffset.MinValue;

    public DetectionEngine(DetectionConfig config, IDetectionOutput output)
    {
        ArgumentNullException.ThrowIfNull(config);
        this.config = config;
        this.output = output;
        buffer = new ReorderBuffer(config.AllowedLateness, config.MaxBuffered, Stats);
        gate = new AlertGate(config.DedupWindow, Stats);
        context = new RuleContext(config, Stats, gate, output);
        rules = RuleCatalog.Build(config, new RuleBuild(config.MaxKeys, config.MaxPerKey, Stats));
        var kinds = Enum.GetValues<ChangeKind>();
        byKind = new DetectionRule[kinds.Max(k => (int)k) + 1][];
        onArrivalByKind = new DetectionRule[byKind.Length][];
        foreach (var kind in kinds)
        {
            var reading = rules.Where(r => r.Kinds is null || r.Kinds.Contains(kind) || r.ReadsAdminConsole).ToList();
            byKind[(int)kind] = [.. reading.Where(r => !r.Stateless)];
            onArrivalByKind[(int)kind] = [.. reading.Where(r => r.Stateless)];
        }

        signalRules = [.. rules.Where(r => r.WantsSignals && !r.Stateless)];
        onArrivalSignalRules = [.. rules.Where(r => r.WantsSignals && r.Stateless)];
        dispatch = Dispatch;
    }

    public EngineStats Stats { get; } = new();

    public IReadOnlyList<RuleInfo> Rules => [.. rules.Select(r => r.Info)];

    /// <summary>Everything at or before this has been evaluated.</summary>
    public DateTimeOffset Watermark => buffer.Watermark;

    public void Add(IdentityEvent e) => Add(Observation.Of(e));

    /// <summary>
    /// Whether any rule of this set can read an event of <paramref name="kind"/> and source type
    /// <paramref name="eventType"/>. A reader may skip the others without parsing them, handing the engine only their
    /// time (<see cref="Pass"/>).
    /// </summary>
    public bool Reads(ChangeKind kind, string eventType) =>
        (int)kind < byKind.Length && (AnyReads(byKind[(int)kind], kind, eventType) || AnyReads(onArrivalByKind[(int)kind], kind, eventType));

    private bool AnyReads(DetectionRule[] candidates, ChangeKind kind, string eventType)
    {
        foreach (var rule in candidates)
        {
            if (rule.Reads(kind, eventType, config))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An event no rule reads (<see cref="Reads"/>) was read at <paramref name="time"/>: time moves as it would have
    /// had the event been added (the watermark, and with it the decisions that wait for time to pass), no rule runs.
    /// </summary>
    public void Pass(DateTimeOffset time)
    {
        if (!buffer.Advance(time))
        {
            Stats.TooLate++;
            return;
        }

        buffer.Release(dispatch);
        Sweep(false);
    }

    public void Add(CaseSignal s) => Add(Observation.Of(s));

    public void Add(Observation o)
    {
        ArgumentNullException.ThrowIfNull(o);

        // Rules one observation decides need no order: they run now, not after the allowed lateness (ADR 0044).
        var now = o.Event is { } arriving ? onArrivalByKind[(int)arriving.Kind] : onArrivalSignalRules;
        foreach (var rule in now)
        {
            rule.Observe(o, context);
        }

        if (!buffer.Add(o))
        {
            Stats.TooLate++;
            output.Late(o, buffer.Watermark);
            return;
        }

        buffer.Release(dispatch);
        Sweep(false);
    }

    /// <summary>
    /// The input is idle but time passes (a live stream at night): moves the watermark to <paramref name="now"/>
    /// minus the allowed lateness, so buffered events are evaluated and absence rules decided.
    /// </summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        buffer.Drain(now - config.AllowedLateness, dispatch);
        Sweep(false);
    }

    /// <summary>End of input: evaluates everything buffered (state stays; absences wait for time to pass).</summary>
    public void Flush()
    {
        buffer.Flush(dispatch);
        Sweep(true);
    }

    private void Dispatch(Observation o)
    {
        Stats.Observed++;
        var targets = o.Event is { } e ? byKind[(int)e.Kind] : signalRules;
        foreach (var rule in targets)
        {
            rule.Observe(o, context);
        }
    }

    private void Sweep(bool force)
    {
        var mark = buffer.Watermark;
        if (!force && (mark == DateTimeOffset.MinValue || mark - lastSweep < SweepEvery))
        {
            return;
        }

        lastSweep = mark;
        foreach (var rule in rules)
        {
            rule.Expire(mark, context);
        }

        gate.Expire(mark);
    }
}
