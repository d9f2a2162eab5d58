using System.Collections.Concurrent;
using System.Diagnostics;
using ResetTrail.EvidenceLog.Storage;

namespace ResetTrail.Bench.Figures;

/// <summary>
/// The bench's own group-commit loop (not product code): producers queue entries, one thread takes
/// whatever has accumulated (up to <c>maxBatch</c>) and appends it as one batch under one signed
/// checkpoint. An entry's latency runs from its Submit to the return of the Append that made it durable.
/// </summary>
internal sealed class BatchingSequencer : IDisposable
{
    private readonly IEvidenceLog log;
    private readonly int maxBatch;
    private readonly ConcurrentQueue<(byte[] Entry, long Submitted)> queue = new();
    private readonly ManualResetEventSlim signal = new(false);
    private readonly List<long> latencyTicks = [];
    private readonly List<int> batchSizes = [];
    private readonly Thread thread;
    private volatile bool stopping;

    public BatchingSequencer(IEvidenceLog log, int maxBatch)
    {
        this.log = log;
        this.maxBatch = maxBatch;
        thread = new Thread(Run) { Name = "bench sequencer", IsBackground = true };
    }

    public IReadOnlyList<long> LatencyTicks => latencyTicks;

    public IReadOnlyList<int> BatchSizes => batchSizes;

    public void Start() => thread.Start();

    public void Submit(byte[] entry)
    {
        queue.Enqueue((entry, Stopwatch.GetTimestamp()));
        signal.Set();
    }

    /// <summary>Lets the sequencer drain what is queued, then waits for it to finish.</summary>
    public void DrainAndStop()
    {
        stopping = true;
        signal.Set();
        thread.Join();
    }

    public void Dispose() => signal.Dispose();

    private void Run()
    {
        var batch = new List<(byte[] Entry, long Submitted)>(maxBatch);
        var entries = new List<byte[]>(maxBatch);
        while (true)
        {
            if (queue.IsEmpty)
            {
                if (stopping)
                {
                    return;
                }

                signal.Wait();
                signal.Reset(); // the queue is checked again below, so a Set racing this Reset is not lost
                continue;
            }

            batch.Clear();
            entries.Clear();
            while (batch.Count < maxBatch && queue.TryDequeue(out var pending))
            {
                batch.Add(pending);
                entries.Add(pending.Entry);
            }

            log.Append(entries);
            var durable = Stopwatch.GetTimestamp();
            batchSizes.Add(batch.Count);
            foreach (var (_, submitted) in batch)
            {
                latencyTicks.Add(durable - submitted);
            }
        }
    }
}
