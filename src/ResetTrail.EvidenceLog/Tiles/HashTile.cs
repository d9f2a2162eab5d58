using ResetTrail.EvidenceLog.Merkle;

namespace ResetTrail.EvidenceLog.Tiles;

/// <summary>
/// The stored bottom row of a tile (its width times 32 bytes) and, computed once on demand, the
/// seven levels above it, so any node inside the tile is a lookup. Tiles only ever grow to the right,
/// so a tile of a given width answers for every node that width covers, forever.
/// </summary>
public sealed class HashTile
{
    private readonly byte[] bottom;
    private byte[][]? levels;

    public HashTile(TileId id, byte[] bottomRow)
    {
        if (bottomRow.Length % Rfc6962.HashSize != 0 || bottomRow.Length > TileId.Width * Rfc6962.HashSize)
        {
            throw new InvalidDataException($"{id} holds {bottomRow.Length} bytes, not a whole number of hashes up to {TileId.Width}");
        }

        Id = id;
        bottom = bottomRow;
    }

    public TileId Id { get; }

    public int Width => bottom.Length / Rfc6962.HashSize;

    public ReadOnlySpan<byte> BottomRow => bottom;

    /// <summary>Copies the hash of the node spanning [offset, offset + span) of the bottom row.</summary>
    public void CopyNode(int offset, int span, Span<byte> destination)
    {
        if (offset + span > Width)
        {
            throw new InvalidDataException($"{Id} has width {Width}; the node [{offset}, {offset + span}) is not stored");
        }

        if (span == 1)
        {
            bottom.AsSpan(offset * Rfc6962.HashSize, Rfc6962.HashSize).CopyTo(destination);
            return;
        }

        var level = System.Numerics.BitOperations.Log2((uint)span);
        var row = Levels()[level - 1];
        row.AsSpan((offset >> level) * Rfc6962.HashSize, Rfc6962.HashSize).CopyTo(destination);
    }

    private byte[][] Levels()
    {
        if (levels is not null)
        {
            return levels;
        }

        var computed = new byte[TileId.Height - 1][];
        var below = bottom;
        for (var level = 0; level < computed.Length; level++)
        {
            var count = below.Length / Rfc6962.HashSize / 2;
            var row = new byte[count * Rfc6962.HashSize];
            for (var i = 0; i < count; i++)
            {
                Rfc6962.HashChildren(
                    below.AsSpan(2 * i * Rfc6962.HashSize, Rfc6962.HashSize),
                    below.AsSpan(((2 * i) + 1) * Rfc6962.HashSize, Rfc6962.HashSize),
                    row.AsSpan(i * Rfc6962.HashSize, Rfc6962.HashSize));
            }

            computed[level] = row;
            below = row;
        }

        levels = computed;
        return computed;
    }
}
