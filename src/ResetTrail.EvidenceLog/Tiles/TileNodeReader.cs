using System.Collections.Concurrent;
using ResetTrail.EvidenceLog.Merkle;

namespace ResetTrail.EvidenceLog.Tiles;

/// <summary>
/// Answers node reads from hash tiles, through a cache. A cached tile is reused while it is wide
/// enough (tiles are append-only, so a narrower copy is a correct prefix); a full tile never changes.
/// The cache is bounded and safe for concurrent readers.
/// </summary>
public sealed class TileNodeReader(ITileReader store, int capacity = 4096) : INodeReader
{
    private readonly ConcurrentDictionary<TileId, HashTile> cache = new();

    public IReadOnlyList<byte[]> ReadNodes(IReadOnlyList<NodeId> nodes)
    {
        // The tiles this read uses are held here, not looked up in the cache again: a reload that
        // clears the full cache, here or in a concurrent read, must not take away a tile found cached.
        var held = new Dictionary<TileId, HashTile>();
        var located = new (TileId Tile, int Offset, int Span)[nodes.Count];
        List<TileId>? missing = null;
        for (var i = 0; i < nodes.Count; i++)
        {
            located[i] = TileId.Locate(nodes[i]);
            var (tile, offset, span) = located[i];
            if (cache.TryGetValue(tile, out var cached) && cached.Width >= offset + span)
            {
                if (!held.TryGetValue(tile, out var earlier) || earlier.Width < cached.Width)
                {
                    held[tile] = cached;
                }
            }
            else
            {
                missing ??= [];
                if (!missing.Contains(tile))
                {
                    missing.Add(tile);
                }
            }
        }

        if (missing is not null)
        {
            foreach (var loaded in Load(missing))
            {
                held[loaded.Id] = loaded;
            }
        }

        var hashes = new byte[nodes.Count][];
        for (var i = 0; i < nodes.Count; i++)
        {
            var (tile, offset, span) = located[i];
            hashes[i] = new byte[Rfc6962.HashSize];
            held[tile].CopyNode(offset, span, hashes[i]);
        }

        return hashes;
    }

    /// <summary>Forgets every cached tile, for a store whose contents were replaced underneath.</summary>
    public void Clear() => cache.Clear();

    private List<HashTile> Load(List<TileId> tiles)
    {
        if (cache.Count + tiles.Count > capacity)
        {
            // Coarse but bounded: proofs touch few tiles and refill what they need.
            cache.Clear();
        }

        var rows = store.ReadTiles(tiles);
        var loaded = new List<HashTile>(tiles.Count);
        for (var i = 0; i < tiles.Count; i++)
        {
            var tile = new HashTile(tiles[i], rows[i]);
            cache[tiles[i]] = tile;
            loaded.Add(tile);
        }

        return loaded;
    }
}
