namespace ResetTrail.Server.Ingest;

/// <summary>Wakes the inbox worker when a delivery was accepted, so it need not poll quickly.</summary>
public sealed class InboxSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Pulse()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up reads every pending delivery.
        }
    }

    /// <summary>Waits for a pulse or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancel) => signal.WaitAsync(timeout, cancel);

    public void Dispose() => signal.Dispose();
}
