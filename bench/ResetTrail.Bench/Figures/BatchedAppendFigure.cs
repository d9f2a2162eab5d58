using ResetTrail.Bench.Harness;
using ResetTrail.Bench.Peers;

namespace ResetTrail.Bench.Figures;

/// <summary>
/// Figure 2: many entries per durable commit (one signed checkpoint each), in entries per second,
/// against bare SQLite inserting the same rows with the same batch size and the same pragmas.
/// </summary>
internal static class BatchedAppendFigure
{
    private static readonly int[] BatchSizes = [256, 4096];

    public static Figure Run(BenchOptions options, Workspace workspace)
    {
        var rows = new List<FigureRow>();
        var notes = new List<string>
        {
            "Ours: `SqliteEvidenceLog.Append(batch)`: one BEGIN IMMEDIATE transaction per batch holding the entries, their leaf hashes folded into tiles, and one Ed25519-signed checkpoint.",
            "Peer: the same 100-byte entries into `(idx INTEGER PRIMARY KEY, entry BLOB)`, one transaction per batch, one prepared command reused, on a connection from the product's `SqliteDatabase.Open` (WAL, synchronous=FULL).",
            "Each side runs in its own fresh database file in the same folder; both files grow through the run.",
        };
        foreach (var batchSize in BatchSizes)
        {
            using var log = BenchLog.Create(workspace, $"batched-{batchSize}");
            using var bare = new BareSqliteInsert(workspace.PathFor($"bare-{batchSize}.db"));
            var pool = Entries.Pool(batchSize * 4, seed: (ulong)batchSize);
            var batches = Enumerable.Range(0, 4).Select(b => new ArraySegment<byte[]>(pool, b * batchSize, batchSize)).ToArray();
            var nextOurs = 0;
            var nextBare = 0;

            long AppendOne()
            {
                log.Append(batches[nextOurs++ % batches.Length]);
                return batchSize;
            }

            long InsertOne()
            {
                bare.InsertBatch(batches[nextBare++ % batches.Length]);
                return batchSize;
            }

            var warm = TimeSpan.FromMilliseconds(options.Window.TotalMilliseconds / 2);
            Timed.Rate(warm, AppendOne);
            Timed.Rate(warm, InsertOne);
            var result = Paired.Run(options.Repetitions, () => Timed.Rate(options.Window, AppendOne), () => Timed.Rate(options.Window, InsertOne));
            rows.Add(new FigureRow($"batched append, {batchSize} entries per commit", Format.Rate(result.OursMedian, "entries"), Format.Rate(result.PeerMedian, "entries"), result.RatioMedian, 0.4));
            notes.Add($"Batch {batchSize}, per repetition, ours: {string.Join(", ", result.Ours.Select(r => Format.Number(r, "N0")))}; peer: {string.Join(", ", result.Peer.Select(r => Format.Number(r, "N0")))} entries/s.");
        }

        return new Figure(2, "Batched append", "bare SQLite insert of the same rows, same batch size per transaction, same pragmas", rows, notes);
    }
}
