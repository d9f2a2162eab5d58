using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.EvidenceLog.Tests.Tiles;

/// <summary>
/// Hash tiles in a dictionary, as a storage backend would keep them: each commit stores the changed
/// tiles' full bottom rows, and a row may only grow to the right.
/// </summary>
internal sealed class DictionaryTileStore : ITileReader
{
    public Dictionary<TileId, byte[]> Tiles { get; } = [];

    public int ReadCalls { get; private set; }

    public void Store(IReadOnlyList<(TileId Tile, byte[] BottomRow)> changed)
    {
        foreach (var (tile, row) in changed)
        {
            if (Tiles.TryGetValue(tile, out var old))
            {
                Assert.True(row.Length > old.Length, $"{tile} was stored again without growing ({old.Length} then {row.Length} bytes)");
                Assert.True(row.AsSpan(0, old.Length).SequenceEqual(old), $"{tile} changed hashes it already held");
            }

            Tiles[tile] = row;
        }
    }

    public IReadOnlyList<byte[]> ReadTiles(IReadOnlyList<TileId> tiles)
    {
        ReadCalls++;
        return tiles.Select(t => Tiles.TryGetValue(t, out var row) ? row : throw new InvalidDataException($"{t} is not stored")).ToList();
    }
}
