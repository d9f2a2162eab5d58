using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Tests.Reference;
using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.EvidenceLog.Tests.Tiles;

/// <summary>
/// The tile tests' trees: prefixes of one seeded list of entries, as long as the largest size tried
/// (two full levels of tiles and three leaves more).
/// </summary>
internal static class TileTrees
{
    public const int Seed = 256;

    public static readonly int[] Sizes = [1, 255, 256, 257, 65536 + 3];

    public static ReferenceMerkleTree Tree { get; } = new(TestEntries.Random(Sizes.Max(), Seed));

    public static TheoryData<int> All() => new(Sizes);

    /// <summary>Appends leaves [from, to) in seeded batches, storing the changed tiles after each, as commits do.</summary>
    public static void AppendInBatches(TileAppender appender, DictionaryTileStore store, int from, int to, int seed)
    {
        var random = new Random(seed);
        var next = from;
        while (next < to)
        {
            var batch = Math.Min(to - next, random.Next(1, 700));
            for (var i = next; i < next + batch; i++)
            {
                appender.Append(ReferenceMerkleTree.LeafHash(Tree.Entry(i)));
            }

            next += batch;
            store.Store(appender.TakeChangedTiles());
        }
    }

    /// <summary>The literal reference's node hash, remembered: the tests ask for high nodes many times.</summary>
    public sealed class NodeCache
    {
        private readonly Dictionary<NodeId, byte[]> nodes = [];

        public byte[] Hash(NodeId node)
        {
            if (!nodes.TryGetValue(node, out var hash))
            {
                hash = Tree.Mth((int)node.FirstLeaf, (int)node.EndLeaf);
                nodes[node] = hash;
            }

            return hash;
        }
    }
}
