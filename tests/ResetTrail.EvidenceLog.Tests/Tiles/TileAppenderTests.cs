using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Tests.Reference;
using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.EvidenceLog.Tests.Tiles;

public sealed class TileAppenderTests
{
    public static TheoryData<int> Sizes() => TileTrees.All();

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Stored_tiles_hold_exactly_the_reference_node_hashes(int size)
    {
        var store = new DictionaryTileStore();
        var appender = TileAppender.Empty();
        TileTrees.AppendInBatches(appender, store, 0, size, seed: size);

        var expected = ExpectedTiles(size, new TileTrees.NodeCache());
        Assert.Equal(expected.Keys.OrderBy(t => (t.Level, t.Index)), store.Tiles.Keys.OrderBy(t => (t.Level, t.Index)));
        foreach (var (tile, row) in expected)
        {
            Assert.True(row.AsSpan().SequenceEqual(store.Tiles[tile]), $"{tile} differs from the reference");
        }

        Assert.Equal((ulong)size, appender.Size);
        Assert.Equal(TileTrees.Tree.Root(size), appender.Root());
        Assert.Empty(appender.TakeChangedTiles());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Resuming_from_stored_tiles_continues_to_the_same_root_and_tiles(int size)
    {
        var whole = new DictionaryTileStore();
        var appender = TileAppender.Empty();
        TileTrees.AppendInBatches(appender, whole, 0, size, seed: size);
        var root = appender.Root();
        Assert.Equal(TileTrees.Tree.Root(size), root);

        var random = new Random(TileTrees.Seed + size);
        var splits = new SortedSet<int> { 0, 1, size / 2, size - 1, size, random.Next(size + 1) }
            .Where(s => s >= 0 && s <= size);
        foreach (var split in splits)
        {
            var store = new DictionaryTileStore();
            TileTrees.AppendInBatches(TileAppender.Empty(), store, 0, split, seed: split);

            var resumed = TileAppender.Resume((ulong)split, new TileNodeReader(store), store);
            Assert.Equal((ulong)split, resumed.Size);
            Assert.Equal(TileTrees.Tree.Root(split), resumed.Root());
            TileTrees.AppendInBatches(resumed, store, split, size, seed: size - split);

            Assert.Equal(root, resumed.Root());
            Assert.Equal(whole.Tiles.Keys.OrderBy(t => (t.Level, t.Index)), store.Tiles.Keys.OrderBy(t => (t.Level, t.Index)));
            Assert.All(whole.Tiles, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(store.Tiles[kv.Key]), $"{kv.Key} after resuming at {split}"));
        }
    }

    [Fact]
    public void Resuming_refuses_a_stored_tile_narrower_than_the_tree_needs()
    {
        var store = new DictionaryTileStore();
        TileTrees.AppendInBatches(TileAppender.Empty(), store, 0, 10, seed: 10);
        store.Tiles[new TileId(0, 0)] = store.Tiles[new TileId(0, 0)][..(9 * Rfc6962.HashSize)];

        Assert.Throws<InvalidDataException>(() => TileAppender.Resume(10, new TileNodeReader(store), store));
    }

    /// <summary>
    /// The tiles a tree must have, built literally: tile level L holds the hashes of tree level 8·L,
    /// 256 positions per tile, each the MTH of the 2^(8·L) leaves under it.
    /// </summary>
    private static Dictionary<TileId, byte[]> ExpectedTiles(int size, TileTrees.NodeCache nodes)
    {
        var tiles = new Dictionary<TileId, byte[]>();
        for (var tileLevel = 0; (size >> (tileLevel * TileId.Height)) > 0; tileLevel++)
        {
            var treeLevel = tileLevel * TileId.Height;
            var count = size >> treeLevel;
            for (var first = 0; first < count; first += TileId.Width)
            {
                var row = Enumerable.Range(first, Math.Min(TileId.Width, count - first))
                    .SelectMany(position => nodes.Hash(new NodeId(treeLevel, (ulong)position)))
                    .ToArray();
                tiles[new TileId(tileLevel, (ulong)(first / TileId.Width))] = row;
            }
        }

        return tiles;
    }
}
