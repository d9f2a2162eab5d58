namespace ResetTrail.Server.Cases;

/// <summary>
/// Says that this server committed a case step (opened, verified, approved, executed, closed...), so detection
/// reads the new case signals now rather than at its next poll of the case store. The endpoints call
/// <see cref="Committed"/> after the step's transaction; it only counts and wakes, so a request never waits for
/// detection, and with detection off nobody listens. Steps committed by another server process on the same
/// database do not pass here: detection's poll finds those.
/// </summary>
public sealed class CaseStepSignal
{
    private long count;
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Steps committed since start-up; a reader that remembers the value it read knows whether it is behind.</summary>
    public long Count => Interlocked.Read(ref count);

    /// <summary>Completes at the next <see cref="Committed"/>. Take it before reading, so a step committed during the read is not missed.</summary>
    public Task Next => Volatile.Read(ref next).Task;

    public void Committed()
    {
        Interlocked.Increment(ref count);
        Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
