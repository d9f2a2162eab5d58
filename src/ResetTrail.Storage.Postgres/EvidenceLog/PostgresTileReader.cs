using Npgsql;
using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.Storage.Postgres.EvidenceLog;

/// <summary>
/// Reads hash tiles from log_tiles, every tile a read needs in one query: on a connection given (inside a transaction)
/// or on one taken from the pool for the read.
/// </summary>
internal sealed class PostgresTileReader : ITileReader
{
    private const string Sql = """
        SELECT t.hashes FROM unnest($1::integer[], $2::bigint[]) WITH ORDINALITY AS w(level, idx, ord)
        LEFT JOIN log_tiles t ON t.level = w.level AND t.idx = w.idx ORDER BY w.ord
        """;

    private readonly NpgsqlDataSource? dataSource;
    private readonly NpgsqlConnection? connection;

    public PostgresTileReader(NpgsqlDataSource dataSource) => this.dataSource = dataSource;

    public PostgresTileReader(NpgsqlConnection connection) => this.connection = connection;

    public IReadOnlyList<byte[]> ReadTiles(IReadOnlyList<TileId> tiles)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        using var owned = connection is null ? dataSource!.OpenConnection() : null;
        using var command = new NpgsqlCommand(Sql, connection ?? owned);
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. tiles.Select(t => t.Level)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. tiles.Select(t => checked((long)t.Index))] });
        var rows = new byte[tiles.Count][];
        using var reader = command.ExecuteReader();
        for (var i = 0; i < tiles.Count; i++)
        {
            reader.Read();
            rows[i] = reader.IsDBNull(0)
                ? throw new InvalidDataException($"{tiles[i]} is missing from log_tiles: the database is damaged; run 'resettrail log verify'")
                : reader.GetFieldValue<byte[]>(0);
        }

        return rows;
    }
}
