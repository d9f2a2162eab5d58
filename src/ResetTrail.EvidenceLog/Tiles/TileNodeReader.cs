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

    public void ReadNodes(IReadOnlyList<NodeId> nodes, Span<byte> hashes)
    {
        ArgumentNullException.ThrowIfNull(nodes);

        // The tiles this read uses are held here, not looked up in the cache again: a reload that
        // clears the full cache, here or in a concurrent read, must not take away a tile found cached.
        // A proof touches a handful of tiles, so a short list beats a dictionary.
        var held = new List<HashTile>(4);
        List<TileId>? missing = null;
        for (var i = 0; i < nodes.Count; i++)
        {
            var (tile, offset, span) = TileId.Locate(nodes[i]);
            if (Find(held, tile, offset + span) is not null)
            {
                continue;
            }

            if (cache.TryGetValue(tile, out var cached) && cached.Width >= offset + span)
            {
                held.RemoveAll(t => t.Id == tile);
                held.Add(cached);
            }
            else if (missing is null || !missing.Contains(tile))
            {
                (missing ??= []).Add(tile);
            }
        }

        if (missing is not null)
        {
            foreach (var loaded in Load(missing))
            {
                held.RemoveAll(t => t.Id == loaded.Id);
                held.Add(loaded);
            }
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            var (tile, offset, span) = TileId.Locate(nodes[i]);
            var source = Find(held, tile, offset + span) ?? throw new InvalidDataException($"{tile} is narrower than {nodes[i]} needs");
            source.CopyNode(offset, span, hashes.Slice(i * Rfc6962.HashSize, Rfc6962.HashSize));
        }
    }

    /// <summary>Forgets every cached tile, for a store whose contents were replaced underneath.</summary>
    public void Clear() => cache.Clear();

    private static HashTile? Find(List<HashTile> held, TileId tile, int width)
    {
        foreach (var candidate in held)
        {
            if (candidate.Id == tile && candidate.Width >= width)
            {
                return candidate;
            }
        }

        return null;
    }

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
