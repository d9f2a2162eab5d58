using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ResetTrail.Detection.Delivery;
using ResetTrail.Detection.Engine;
using ResetTrail.Detection.Signals;
using ResetTrail.Ingestion.Events;
using ResetTrail.Server.Cases;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Ingest;

namespace ResetTrail.Server.Detection;

/// <summary>
/// Runs the detection engine over what real-time ingestion stores and queues every alert in the outbox for every
/// sink, in the same call (before the inbox delivery is marked processed). One engine, used under one lock: the
/// inbox worker feeds it and <see cref="DetectionClock"/> moves its time on when input is idle.
/// The engine's windows live in memory, so on first use it replays the stored events of the last
/// <see cref="ReplayWindow"/>: a restart does not forget a password reset whose MFA reset comes after the crash.
/// Alerts the replay raises again carry the same id, and the outbox queues an id only once per sink.
/// Case steps reach the rules as case signals (<see cref="CaseSignalFeed"/>), read at start-up with the replay, as
/// soon as this server commits a step (<see cref="CaseStepSignal"/>, by <see cref="CaseStepListener"/>), before any
/// events when a step was committed since the last read (so a step answered before a delivery is accepted goes in
/// first), and every <see cref="DetectionSettings.CasePoll"/> on the clock's tick for steps other servers committed.
/// On a database shared by several servers only the one that leads (<see cref="ServerDatabase.TryLead"/>) evaluates.
/// </summary>
internal sealed partial class RealtimeDetector : IRealtimeEventObserver
{
    /// <summary>How far back (in event time, from the newest stored event) the start-up replay reaches.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromHours(24);

    private const string Stream = "serve";
    private readonly Lock gate = new();
    private readonly DetectionSettings settings;
    private readonly IAlertOutbox outbox;
    private readonly IReadOnlyList<string> sinks;
    private readonly OutboxDispatcher dispatcher;
    private readonly ServerDatabase database;
    private readonly TimeProvider time;
    private readonly ILogger<RealtimeDetector> logger;
    private readonly CaseStepSignal steps;
    private readonly TimeSpan casePoll;
    private DetectionEngine engine;
    private OutboxWriter writer;
    private CaseSignalFeed caseSignals;
    private long stepsRead = -1;
    private DateTimeOffset casesReadAt;
    private HashSet<string>? replayed;
    private DateTimeOffset replayedUpTo;
    private bool leading;
    private bool led;
    private long eventsObserved;

    public RealtimeDetector(
        DetectionSettings settings,
        IAlertOutbox outbox,
        OutboxDispatcher dispatcher,
        IReadOnlyList<string> sinks,
        ServerDatabase database,
        CaseStepSignal steps,
        TimeProvider time,
        ILogger<RealtimeDetector> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        this.settings = settings;
        this.outbox = outbox;
        this.sinks = sinks;
        this.dispatcher = dispatcher;
        this.database = database;
        this.time = time;
        this.logger = logger;
        this.steps = steps;
        casePoll = settings.CasePoll;
        Begin();
    }

    public EngineStats Stats => engine.Stats;

    /// <summary>Events of inbox deliveries this detector evaluated (the replay not counted).</summary>
    public long EventsObserved => Interlocked.Read(ref eventsObserved);

    /// <summary>This server committed a case step the rules have not read yet.</summary>
    public bool CaseStepsPending => steps.Count != Interlocked.Read(ref stepsRead);

    public void Observe(IReadOnlyList<IdentityEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (gate)
        {
            if (!Lead())
            {
                return; // the lead moved while the delivery was read; the server that leads now replays the stored events
            }

            if (CaseStepsPending)
            {
                AddCaseSignals();
            }

            foreach (var e in events)
            {
                // A delivery stored just before a crash is read again from the inbox; the replay already saw it.
                if (replayed is null || !replayed.Contains(Key(e)))
                {
                    engine.Add(e);
                    Interlocked.Increment(ref eventsObserved);
                }
            }

            AdvanceAndCommit();
        }
    }

    /// <summary>
    /// Time passes with no input: buffered events are evaluated and absence rules decided; the case store is read when
    /// the poll is due (steps of other servers) or this server committed a step since the last read.
    /// </summary>
    public void Tick()
    {
        lock (gate)
        {
            if (!Lead())
            {
                return;
            }

            if (CaseStepsPending || time.GetUtcNow() - casesReadAt >= casePoll)
            {
                AddCaseSignals();
            }

            AdvanceAndCommit();
        }
    }

    /// <summary>This server committed a case step: its signals go to the rules now (called off the request, by <see cref="CaseStepListener"/>).</summary>
    public void ReadCaseSteps()
    {
        lock (gate)
        {
            if (Lead())
            {
                AddCaseSignals();
                AdvanceAndCommit();
            }
        }
    }

    /// <summary>
    /// Whether this server leads (<see cref="ServerDatabase.TryLead"/>: always on SQLite, one server of a shared
    /// PostgreSQL database). A server that does not lead evaluates nothing. One that takes the lead back after losing
    /// it starts from empty windows and replays the stored events, since what it remembered stopped when it lost the
    /// lead; called under the lock.
    /// </summary>
    private bool Lead()
    {
        if (!database.TryLead())
        {
            leading = false;
            return false;
        }

        if (!leading && led)
        {
            Begin();
        }

        leading = led = true;
        EnsureReplayed();
        return true;
    }

    /// <summary>Empty windows, nothing replayed yet, no case step read: the state of a detector that just started.</summary>
    [MemberNotNull(nameof(engine), nameof(writer), nameof(caseSignals))]
    private void Begin()
    {
        writer = new OutboxWriter(outbox, sinks);
        engine = new DetectionEngine(settings.Config, writer);
        caseSignals = new CaseSignalFeed(database.Cases);
        replayed = null;
        replayedUpTo = default;
        Interlocked.Exchange(ref stepsRead, -1);
        casesReadAt = default;
    }

    /// <summary>Reads every case step committed since the last read (by any server); called under the lock.</summary>
    private void AddCaseSignals()
    {
        // Counted before reading (a step committed during the read is read again next time), kept only once the read
        // succeeded (a failed read leaves the steps pending).
        var count = steps.Count;
        var now = time.GetUtcNow();
        foreach (var signal in caseSignals.Read(now, engine.Watermark))
        {
            engine.Add(signal);
        }

        Interlocked.Exchange(ref stepsRead, count);
        casesReadAt = now;
    }

    private void AdvanceAndCommit()
    {
        engine.AdvanceTo(time.GetUtcNow());
        if (replayed is not null && engine.Watermark > replayedUpTo)
        {
            replayed = null; // anything older is too late for the engine anyway
        }

        var queued = writer.Commit(Stream, engine.Watermark.ToString("O", CultureInfo.InvariantCulture));
        if (queued > 0)
        {
            dispatcher.Wake();
            LogQueued(logger, queued);
        }

        if (writer.LateEvents.Count > 0)
        {
            LogLate(logger, writer.LateEvents.Count);
            writer.LateEvents.Clear();
        }
    }

    private void EnsureReplayed()
    {
        if (replayed is not null || replayedUpTo != default)
        {
            return;
        }

        // Only the replay window is read, by the events' time index: start-up does not grow with the table.
        var newest = database.Events.Newest() ?? DateTimeOffset.MinValue;
        var since = newest == DateTimeOffset.MinValue ? newest : newest - ReplayWindow;
        // The store orders by its own time column (SQLite keeps milliseconds); the engine wants the events' own times.
        var events = database.Events.ReadSince(since).OrderBy(e => e.Time).ToList();
        replayed = new HashSet<string>(events.Select(Key), StringComparer.Ordinal);
        replayedUpTo = newest == DateTimeOffset.MinValue ? DateTimeOffset.MinValue.AddTicks(1) : newest;

        // Case steps of the same period go in with the events, in one time order.
        var count = steps.Count;
        var signals = new Queue<CaseSignal>(caseSignals.Read(time.GetUtcNow(), since));
        Interlocked.Exchange(ref stepsRead, count);
        casesReadAt = time.GetUtcNow();
        foreach (var e in events)
        {
            while (signals.TryPeek(out var s) && s.Time <= e.Time)
            {
                engine.Add(signals.Dequeue());
            }

            engine.Add(e);
        }

        while (signals.TryDequeue(out var rest))
        {
            engine.Add(rest);
        }

        LogReplayed(logger, events.Count);
    }

    private static string Key(IdentityEvent e) => e.Source + "\n" + e.SourceEventId;

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "detection: replayed {Count} stored event(s) of the last day into the rules")]
    private static partial void LogReplayed(ILogger logger, int count);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Information, Message = "detection: {Count} alert(s) queued for delivery")]
    private static partial void LogQueued(ILogger logger, int count);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Warning, Message = "detection: {Count} event(s) arrived later than the allowed lateness and were not evaluated")]
    private static partial void LogLate(ILogger logger, int count);
}
