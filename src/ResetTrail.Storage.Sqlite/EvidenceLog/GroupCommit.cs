using System.Runtime.ExceptionServices;
using ResetTrail.EvidenceLog.Storage;

namespace ResetTrail.Storage.Sqlite.EvidenceLog;

/// <summary>
/// Group commit for one database file in this process. A step that arrives while a commit is in flight waits; the
/// next leader takes every waiting step and runs them in arrival order inside one sequencer transaction, with one
/// signed checkpoint and one fsync for all of them. Each step still sees the writes of the steps before it, exactly
/// as if they had committed one by one. If anything in a group throws, the group is rolled back and its steps run
/// again one transaction each, so a failing step fails alone and the others keep the one-step semantics.
/// While steps arrive together, a leader waits up to <see cref="BatchAge"/> for its group to fill (ADR 0042).
/// </summary>
internal sealed class GroupCommitQueue
{
    /// <summary>Bounds the work one transaction holds the write lock for.</summary>
    public const int MaxGroup = 256;

    /// <summary>
    /// The longest a leader waits for its group to fill, and only while steps arrive together (the last group had
    /// more than one): about half a flush on this hardware, and less than the flush it saves. A lone caller never waits.
    /// </summary>
    public static readonly TimeSpan BatchAge = TimeSpan.FromMilliseconds(1);

    private readonly object gate = new(); // Monitor.Wait/Pulse need a plain object
    private readonly Queue<IGroupedStep> waiting = new();
    private bool leaderActive;
    private int lastGroup = 1; // the size of the group committed last, under gate

    /// <summary>Steps queued and not yet taken into a group (for tests that arrange a group).</summary>
    internal int Waiting
    {
        get
        {
            lock (gate)
            {
                return waiting.Count;
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> in a group commit and returns its result once the group is durable.</summary>
    public (T Result, StoredCheckpoint? Checkpoint) Run<T>(SqliteEvidenceLog log, Func<LogWriteScope, T> work)
    {
        var step = new GroupedStep<T>(work);
        bool lead;
        lock (gate)
        {
            waiting.Enqueue(step);
            lead = !leaderActive;
            leaderActive = true;
            Monitor.Pulse(gate); // a leader waiting for its group to fill counts this one
        }

        if (lead || step.AwaitTurn())
        {
            Lead(log);
        }

        return step.Outcome();
    }

    /// <summary>
    /// Commits one group (which holds the leader's own step: it was queued first or alone), hands the lead to the
    /// oldest waiter, and only then wakes the group's callers, so the next group's commit does not wait for them.
    /// </summary>
    private void Lead(SqliteEvidenceLog log)
    {
        IGroupedStep[] group;
        lock (gate)
        {
            AwaitFullerGroup();
            group = new IGroupedStep[Math.Min(waiting.Count, MaxGroup)];
            for (var i = 0; i < group.Length; i++)
            {
                group[i] = waiting.Dequeue();
            }

            lastGroup = group.Length;
        }

        log.CommitGroup(group);

        lock (gate)
        {
            if (waiting.Count == 0)
            {
                leaderActive = false;
            }
            else
            {
                waiting.Peek().Promote();
            }
        }

        foreach (var step in group)
        {
            step.Release();
        }
    }

    /// <summary>While steps arrive together, waits up to <see cref="BatchAge"/> for as many as the last group had.</summary>
    private void AwaitFullerGroup()
    {
        var target = Math.Min(lastGroup, MaxGroup);
        if (target <= 1 || waiting.Count >= target)
        {
            return;
        }

        var deadline = Environment.TickCount64 + (long)BatchAge.TotalMilliseconds;
        while (waiting.Count < target)
        {
            var remaining = deadline - Environment.TickCount64;
            if (remaining <= 0)
            {
                return;
            }

            Monitor.Wait(gate, (int)remaining);
        }
    }
}

/// <summary>One step waiting in a group commit.</summary>
internal interface IGroupedStep
{
    /// <summary>Runs the step inside the group's transaction; throws to abort the whole group.</summary>
    void RunInGroup(LogWriteScope scope);

    /// <summary>The group committed; the step's result stands (its caller is woken by <see cref="Release"/>).</summary>
    void Complete(StoredCheckpoint? checkpoint);

    /// <summary>Runs the step in a transaction of its own and keeps its result or its exception.</summary>
    void RunAlone(SqliteEvidenceLog log);

    /// <summary>Makes the waiting step the next leader.</summary>
    void Promote();

    /// <summary>Wakes the step's caller with the outcome kept by <see cref="Complete"/> or <see cref="RunAlone"/>.</summary>
    void Release();
}

internal sealed class GroupedStep<T>(Func<LogWriteScope, T> work) : IGroupedStep
{
    private const int Waiting = 0;
    private const int Promoted = 1;
    private const int Completed = 2;

    private readonly object signal = new(); // Monitor.Wait/Pulse need a plain object
    private int state;
    private T? result;
    private StoredCheckpoint? checkpoint;
    private ExceptionDispatchInfo? failure;

    public void RunInGroup(LogWriteScope scope) => result = work(scope);

    public void Complete(StoredCheckpoint? committed)
    {
        checkpoint = committed;
        failure = null;
    }

    public void RunAlone(SqliteEvidenceLog log)
    {
        try
        {
            (result, checkpoint) = log.WithinAppend(work);
            failure = null;
        }
#pragma warning disable CA1031 // The exception belongs to the step's caller: it is rethrown on the caller's thread.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }
    }

    public void Promote() => Signal(Promoted);

    public void Release() => Signal(Completed);

    /// <summary>Waits until the step is complete (false) or it became the leader (true).</summary>
    public bool AwaitTurn()
    {
        lock (signal)
        {
            while (state == Waiting)
            {
                Monitor.Wait(signal);
            }

            return state == Promoted;
        }
    }

    public (T Result, StoredCheckpoint? Checkpoint) Outcome()
    {
        failure?.Throw();
        return (result!, checkpoint);
    }

    private void Signal(int next)
    {
        lock (signal)
        {
            state = next;
            Monitor.PulseAll(signal);
        }
    }
}
