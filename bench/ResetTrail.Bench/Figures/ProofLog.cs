using ResetTrail.Bench.Harness;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.Storage.Sqlite.EvidenceLog;

namespace ResetTrail.Bench.Figures;

/// <summary>
/// The large log of figures 4 and 6, built by batched appends, and beside it an independent in-memory
/// copy of every tree level (computed here from the same entries) so the bench knows the leaf hash
/// and the root of every tree size without asking the log: checkpoints exist only at batch ends.
/// </summary>
internal sealed class ProofLog : IDisposable
{
    public const int BuildBatch = 4096;

    private readonly List<byte[]> levels;

    private ProofLog(SqliteEvidenceLog log, List<byte[]> levels, TimeSpan buildTime, long entryBytes)
    {
        Log = log;
        this.levels = levels;
        BuildTime = buildTime;
        EntryBytes = entryBytes;
    }

    public SqliteEvidenceLog Log { get; }

    public ulong Size => (ulong)(levels[0].Length / Rfc6962.HashSize);

    public TimeSpan BuildTime { get; }

    public long EntryBytes { get; }

    public static ProofLog Build(BenchOptions options, Workspace workspace)
    {
        var log = BenchLog.Create(workspace, "proofs");
        var size = (int)options.ProofLogSize;
        var leaves = new byte[size * Rfc6962.HashSize];
        var random = new SplitMix64(6962);
        var batch = new List<byte[]>(BuildBatch);
        long bytes = 0;
        var buildTime = Timed.Duration(() =>
        {
            for (var i = 0; i < size; i += BuildBatch)
            {
                batch.Clear();
                for (var j = i; j < Math.Min(size, i + BuildBatch); j++)
                {
                    var entry = Entries.Make((ulong)j, random);
                    bytes += entry.Length;
                    Rfc6962.HashLeaf(entry, leaves.AsSpan(j * Rfc6962.HashSize, Rfc6962.HashSize));
                    batch.Add(entry);
                }

                log.Append(batch);
            }
        });

        var proofLog = new ProofLog(log, BuildLevels(leaves), buildTime, bytes);
        if (!proofLog.Root(proofLog.Size).AsSpan().SequenceEqual(log.LatestCheckpoint().RootHash))
        {
            throw new InvalidOperationException("the bench's in-memory tree disagrees with the log's signed root");
        }

        Console.Error.WriteLine($"bench: built a {size:N0}-entry log in {buildTime.TotalSeconds:0.0} s");
        return proofLog;
    }

    public ReadOnlySpan<byte> LeafHash(ulong index) => levels[0].AsSpan(checked((int)index * Rfc6962.HashSize), Rfc6962.HashSize);

    /// <summary>The root of the tree of the first <paramref name="size"/> leaves (RFC 9162 §2.1.1), from the in-memory levels.</summary>
    public byte[] Root(ulong size)
    {
        var nodes = new List<NodeId>();
        ProofPlan.Decompose(0, size, nodes);
        var root = Node(nodes[^1]).ToArray();
        for (var i = nodes.Count - 2; i >= 0; i--)
        {
            Rfc6962.HashChildren(Node(nodes[i]), root, root);
        }

        return root;
    }

    public void Dispose() => Log.Dispose();

    private ReadOnlySpan<byte> Node(NodeId node) =>
        levels[node.Level].AsSpan(checked((int)node.Index * Rfc6962.HashSize), Rfc6962.HashSize);

    private static List<byte[]> BuildLevels(byte[] leaves)
    {
        var levels = new List<byte[]> { leaves };
        while (levels[^1].Length >= 2 * Rfc6962.HashSize)
        {
            var below = levels[^1];
            var row = new byte[below.Length / Rfc6962.HashSize / 2 * Rfc6962.HashSize];
            for (var i = 0; i < row.Length / Rfc6962.HashSize; i++)
            {
                Rfc6962.HashChildren(
                    below.AsSpan(2 * i * Rfc6962.HashSize, Rfc6962.HashSize),
                    below.AsSpan(((2 * i) + 1) * Rfc6962.HashSize, Rfc6962.HashSize),
                    row.AsSpan(i * Rfc6962.HashSize, Rfc6962.HashSize));
            }

            levels.Add(row);
        }

        return levels;
    }
}
