using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.EvidenceLog.Tests.Tiles;

public sealed class TileNodeReaderTests
{
    private const int SampledNodes = 3000;

    public static TheoryData<int> Sizes() => TileTrees.All();

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Node_hashes_read_through_tiles_equal_the_reference(int size)
    {
        var store = new DictionaryTileStore();
        TileTrees.AppendInBatches(TileAppender.Empty(), store, 0, size, seed: size);
        var reference = new TileTrees.NodeCache();

        // A tiny cache, so reads also go through eviction and reloading.
        var reader = new TileNodeReader(store, capacity: 3);
        var random = new Random(TileTrees.Seed * size);
        var nodes = NodesToCheck(size, random);
        for (var next = 0; next < nodes.Count;)
        {
            var batch = nodes.Skip(next).Take(random.Next(1, 20)).ToList();
            var hashes = reader.ReadNodes(batch);
            Assert.Equal(batch.Count, hashes.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                Assert.True(reference.Hash(batch[i]).AsSpan().SequenceEqual(hashes[i]), $"{batch[i]} in a tree of {size}");
            }

            next += batch.Count;
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Proofs_built_from_tiles_equal_the_reference(int size)
    {
        var store = new DictionaryTileStore();
        TileTrees.AppendInBatches(TileAppender.Empty(), store, 0, size, seed: size);
        var reader = new TileNodeReader(store);
        var tree = TileTrees.Tree;
        var random = new Random(TileTrees.Seed - size);

        foreach (var index in new[] { 0, size - 1, random.Next(size) })
        {
            Assert.Equal(tree.Path(index, size), ProofPlan.Inclusion((ulong)index, (ulong)size).Build(reader));
        }

        foreach (var size1 in new[] { 1, size, random.Next(1, size + 1) })
        {
            Assert.Equal(tree.Proof(size1, size), ProofPlan.Consistency((ulong)size1, (ulong)size).Build(reader));
        }
    }

    [Fact]
    public void A_tile_the_store_lacks_is_a_storage_fault()
    {
        var reader = new TileNodeReader(new DictionaryTileStore());
        Assert.Throws<InvalidDataException>(() => reader.ReadNodes([new NodeId(0, 0)]));
    }

    [Fact]
    public void A_cached_tile_too_narrow_for_a_node_is_read_again()
    {
        var store = new DictionaryTileStore();
        var appender = TileAppender.Empty();
        TileTrees.AppendInBatches(appender, store, 0, 3, seed: 3);
        var reader = new TileNodeReader(store);
        Assert.Single(reader.ReadNodes([new NodeId(0, 2)]));

        TileTrees.AppendInBatches(appender, store, 3, 8, seed: 8);
        var reference = new TileTrees.NodeCache();
        Assert.Equal(reference.Hash(new NodeId(2, 1)), reader.ReadNodes([new NodeId(2, 1)])[0]);
        Assert.Equal(reference.Hash(new NodeId(0, 7)), reader.ReadNodes([new NodeId(0, 7)])[0]);
    }

    [Fact]
    public void A_read_that_overflows_the_cache_keeps_the_tiles_it_found_cached()
    {
        // Regression: the reload cleared the full cache, dropping a tile this same read had found
        // cached, and the read failed with KeyNotFoundException.
        var store = new DictionaryTileStore();
        TileTrees.AppendInBatches(TileAppender.Empty(), store, 0, 600, seed: 600);
        var reader = new TileNodeReader(store, capacity: 1);
        reader.ReadNodes([new NodeId(0, 0)]);

        var hashes = reader.ReadNodes([new NodeId(0, 0), new NodeId(0, 300)]);

        var reference = new TileTrees.NodeCache();
        Assert.Equal(reference.Hash(new NodeId(0, 0)), hashes[0]);
        Assert.Equal(reference.Hash(new NodeId(0, 300)), hashes[1]);
    }

    /// <summary>Every perfect node of a small tree; for a large one, the edges of each level and a seeded sample.</summary>
    private static List<NodeId> NodesToCheck(int size, Random random)
    {
        var nodes = new List<NodeId>();
        for (var level = 0; (size >> level) > 0; level++)
        {
            var count = size >> level;
            if (count <= 600)
            {
                nodes.AddRange(Enumerable.Range(0, count).Select(i => new NodeId(level, (ulong)i)));
            }
            else
            {
                nodes.AddRange(Enumerable.Range(0, 256).Select(i => new NodeId(level, (ulong)i)));
                nodes.AddRange(Enumerable.Range(count - 300, 300).Select(i => new NodeId(level, (ulong)i)));
            }
        }

        nodes = nodes.Distinct().ToList();
        for (var i = 0; i < SampledNodes && size > 600; i++)
        {
            var level = random.Next(0, 8);
            nodes.Add(new NodeId(level, (ulong)random.Next(size >> level)));
        }

        // Shuffled, so consecutive reads cross tiles and levels.
        return nodes.OrderBy(_ => random.Next()).ToList();
    }
}
