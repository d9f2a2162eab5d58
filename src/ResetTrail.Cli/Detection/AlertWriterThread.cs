using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Engine;

namespace ResetTrail.Cli.Detection;

/// <summary>
/// Formats and writes alerts on a thread of their own, so the rules' thread only hands them over (256 at a time, at
/// most 64 batches waiting). <see cref="Flush"/> returns once everything handed over is written; a write that fails
/// (standard output closed) is rethrown to the rules' thread at its next hand-over or flush. Late events go straight
/// to <see cref="AlertOutput.Late"/> (standard error).
/// </summary>
internal sealed class AlertWriterThread : IDetectionOutput, IDisposable
{
    private const int BatchSize = 256;

    private readonly AlertOutput inner;
    private readonly BlockingCollection<object> queue = new(boundedCapacity: 64);
    private readonly Thread thread;
    private List<Alert> batch = new(BatchSize);
    private ExceptionDispatchInfo? failure;

    public AlertWriterThread(AlertOutput inner)
    {
        this.inner = inner;
        thread = new Thread(Write) { IsBackground = true, Name = "resettrail detect writer" };
        thread.Start();
    }

    public void Alert(Alert alert)
    {
        batch.Add(alert);
        if (batch.Count == BatchSize)
        {
            Hand();
        }
    }

    public void Late(Observation observation, DateTimeOffset watermark) => inner.Late(observation, watermark);

    /// <summary>Writes every alert handed over so far, and returns once they are written.</summary>
    public void Flush()
    {
        if (batch.Count > 0)
        {
            Hand();
        }

        using var written = new ManualResetEventSlim();
        queue.Add(written);
        written.Wait();
        failure?.Throw();
    }

    public void Dispose()
    {
        queue.CompleteAdding();
        thread.Join();
        queue.Dispose();
    }

    private void Hand()
    {
        failure?.Throw();
        queue.Add(batch);
        batch = new List<Alert>(BatchSize);
    }

    private void Write()
    {
        foreach (var item in queue.GetConsumingEnumerable())
        {
            try
            {
                if (failure is not null)
                {
                    continue;
                }

                if (item is List<Alert> alerts)
                {
                    foreach (var alert in alerts)
                    {
                        inner.Alert(alert);
                    }
                }
                else
                {
                    inner.Flush();
                }
            }
#pragma warning disable CA1031 // Any failure to write is the rules' thread's to report.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                (item as ManualResetEventSlim)?.Set();
            }
        }
    }
}
