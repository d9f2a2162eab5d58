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
        var located = new (TileId Tile, int Offset, int Span)[nodes.Count];
        List<TileId>? missing = null;
        for (var i = 0; i < nodes.Count; i++)
        {
            located[i] = TileId.Locate(nodes[i]);
            var (tile, offset, span) = located[i];
            if (!cache.TryGetValue(tile, out var cached) || cached.Width < offset + span)
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
            Load(missing);
        }

        var hashes = new byte[nodes.Count][];
        for (var i = 0; i < nodes.Count; i++)
        {
            var (tile, offset, span) = located[i];
            hashes[i] = new byte[Rfc6962.HashSize];
            cache[tile].CopyNode(offset, span, hashes[i]);
        }

        return hashes;
    }

    /// <summary>Forgets every cached tile, for a store whose contents were replaced underneath.</summary>
    public void Clear() => cache.Clear();

    private void Load(List<TileId> tiles)
    {
        if (cache.Count + tiles.Count > capacity)
        {
            // Coarse but bounded: proofs touch few tiles and refill what they need.
            cache.Clear();
        }

        var rows = store.ReadTiles(tiles);
        for (var i = 0; i < tiles.Count; i++)
        {
            cache[tiles[i]] = new HashTile(tiles[i], rows[i]);
        }
    }
}
