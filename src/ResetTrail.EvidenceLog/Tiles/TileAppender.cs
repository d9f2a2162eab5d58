using ResetTrail.EvidenceLog.Merkle;

namespace ResetTrail.EvidenceLog.Tiles;

/// <summary>
/// Grows the tree by leaf hashes and tracks which hash tiles that changes: the sequencer's in-memory
/// state between the stored tiles and the next checkpoint. Not thread-safe: exactly one appender
/// runs at a time, inside the store's write lock.
/// </summary>
public sealed class TileAppender
{
    private readonly CompactRange range;
    private readonly Dictionary<int, OpenTile> open = [];
    private readonly Dictionary<TileId, byte[]> changed = [];

    private TileAppender(CompactRange range) => this.range = range;

    public ulong Size => range.Size;

    /// <summary>
    /// Resumes from a stored tree: its border nodes' hashes and the rightmost partial tile of each
    /// level, read through <paramref name="nodes"/> and <paramref name="tiles"/>.
    /// </summary>
    public static TileAppender Resume(ulong size, INodeReader nodes, ITileReader tiles)
    {
        var border = CompactRange.BorderNodes(size);
        var appender = new TileAppender(CompactRange.FromBorder(size, border.Count == 0 ? [] : nodes.ReadNodes(border)));
        var partial = new List<TileId>();
        for (var level = 0; level * TileId.Height < 64 && (size >> (level * TileId.Height)) > 0; level++)
        {
            var onLevel = size >> (level * TileId.Height);
            var tile = new TileId(level, onLevel / TileId.Width);
            if (tile.WidthAt(size) > 0)
            {
                partial.Add(tile);
            }
        }

        var rows = partial.Count == 0 ? [] : tiles.ReadTiles(partial);
        for (var i = 0; i < partial.Count; i++)
        {
            var width = partial[i].WidthAt(size);
            if (rows[i].Length < width * Rfc6962.HashSize)
            {
                throw new InvalidDataException($"{partial[i]} holds {rows[i].Length / Rfc6962.HashSize} hashes; the tree of size {size} needs {width}");
            }

            appender.open[partial[i].Level] = new OpenTile(partial[i], rows[i].AsSpan(0, width * Rfc6962.HashSize));
        }

        return appender;
    }

    public static TileAppender Empty() => new(new CompactRange());

    public void Append(ReadOnlySpan<byte> leafHash) => range.Append(leafHash, OnNode);

    public byte[] Root() => range.Root();

    /// <summary>The tiles written since the last call, each with its full current bottom row.</summary>
    public IReadOnlyList<(TileId Tile, byte[] BottomRow)> TakeChangedTiles()
    {
        foreach (var tile in open.Values.Where(t => t.Dirty))
        {
            changed[tile.Id] = tile.Snapshot();
            tile.Dirty = false;
        }

        var result = changed.Select(kv => (kv.Key, kv.Value)).OrderBy(t => t.Key.Level).ThenBy(t => t.Key.Index).ToList();
        changed.Clear();
        return result;
    }

    private void OnNode(NodeId node, byte[] hash)
    {
        if (node.Level % TileId.Height != 0)
        {
            return;
        }

        var level = node.Level / TileId.Height;
        var (tileId, offset, _) = TileId.Locate(node);
        if (!open.TryGetValue(level, out var tile) || tile.Id != tileId)
        {
            tile = new OpenTile(tileId, []);
            open[level] = tile;
        }

        tile.Add(offset, hash);
        if (tile.Count == TileId.Width)
        {
            changed[tile.Id] = tile.Snapshot();
            open.Remove(level);
        }
    }

    private sealed class OpenTile
    {
        private readonly byte[] buffer = new byte[TileId.Width * Rfc6962.HashSize];

        public OpenTile(TileId id, ReadOnlySpan<byte> existing)
        {
            Id = id;
            existing.CopyTo(buffer);
            Count = existing.Length / Rfc6962.HashSize;
        }

        public TileId Id { get; }

        public int Count { get; private set; }

        public bool Dirty { get; set; }

        public void Add(int offset, byte[] hash)
        {
            if (offset != Count)
            {
                throw new InvalidOperationException($"{Id}: hash for position {offset} arrived while {Count} are stored");
            }

            hash.CopyTo(buffer, offset * Rfc6962.HashSize);
            Count++;
            Dirty = true;
        }

        public byte[] Snapshot() => buffer.AsSpan(0, Count * Rfc6962.HashSize).ToArray();
    }
}
