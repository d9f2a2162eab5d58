using System.Runtime.ExceptionServices;
using ResetTrail.EvidenceLog.Storage;

namespace ResetTrail.Storage.Sqlite.EvidenceLog;

/// <summary>
/// Group commit for one database file in this process. A step that arrives while a commit is in flight waits; the
/// next leader takes every waiting step and runs them in arrival order inside one sequencer transaction, with one
/// signed checkpoint and one fsync for all of them. Each step still sees the writes of the steps before it, exactly
/// as if they had committed one by one. If anything in a group throws, the group is rolled back and its steps run
/// again one transaction each, so a failing step fails alone and the others keep the one-step semantics.
/// </summary>
internal sealed class GroupCommitQueue
{
    /// <summary>Bounds the work one transaction holds the write lock for.</summary>
    public const int MaxGroup = 256;

    private readonly Lock gate = new();
    private readonly Queue<IGroupedStep> waiting = new();
    private bool leaderActive;

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
        }

        if (lead || step.AwaitTurn())
        {
            Lead(log, step);
        }

        return step.Outcome();
    }

    private void Lead<T>(SqliteEvidenceLog log, GroupedStep<T> own)
    {
        while (true)
        {
            IGroupedStep[] group;
            lock (gate)
            {
                group = new IGroupedStep[Math.Min(waiting.Count, MaxGroup)];
                for (var i = 0; i < group.Length; i++)
                {
                    group[i] = waiting.Dequeue();
                }
            }

            log.CommitGroup(group);

            lock (gate)
            {
                if (waiting.Count == 0)
                {
                    leaderActive = false;
                    return;
                }

                if (own.IsComplete)
                {
                    // Hand over to the oldest waiter rather than serve everyone who arrives: the leader's caller
                    // has its answer and should not pay for the others' latency.
                    waiting.Peek().Promote();
                    return;
                }
            }
        }
    }
}

/// <summary>One step waiting in a group commit.</summary>
internal interface IGroupedStep
{
    bool IsComplete { get; }

    /// <summary>Runs the step inside the group's transaction; throws to abort the whole group.</summary>
    void RunInGroup(LogWriteScope scope);

    /// <summary>The group committed; the step's result stands.</summary>
    void Complete(StoredCheckpoint? checkpoint);

    /// <summary>Runs the step in a transaction of its own and completes it with its result or its exception.</summary>
    void RunAlone(SqliteEvidenceLog log);

    /// <summary>Makes the waiting step the next leader.</summary>
    void Promote();
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

    public bool IsComplete => Volatile.Read(ref state) == Completed;

    public void RunInGroup(LogWriteScope scope) => result = work(scope);

    public void Complete(StoredCheckpoint? committed)
    {
        checkpoint = committed;
        failure = null;
        Signal(Completed);
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

        Signal(Completed);
    }

    public void Promote() => Signal(Promoted);

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
