using Npgsql;

namespace ResetTrail.Storage.Postgres;

/// <summary>
/// Commands with positional parameters ($1, $2, ...) for the stores beside the log, whose statements are short and
/// rare next to appends. Times go in as UTC (timestamptz), nulls as NULL.
/// </summary>
internal static class Statement
{
    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value switch
            {
                null => DBNull.Value,
                DateTimeOffset time => time.ToUniversalTime(),
                _ => value,
            } });
        }

        return command;
    }

    public static int Execute(NpgsqlDataSource dataSource, string sql, params object?[] values)
    {
        using var connection = dataSource.OpenConnection();
        using var command = Command(connection, sql, values);
        return command.ExecuteNonQuery();
    }

    public static int Execute(NpgsqlConnection connection, string sql, params object?[] values)
    {
        using var command = Command(connection, sql, values);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(NpgsqlDataSource dataSource, string sql, params object?[] values)
    {
        using var connection = dataSource.OpenConnection();
        using var command = Command(connection, sql, values);
        return command.ExecuteScalar();
    }

    /// <summary>Takes a transaction-scoped advisory lock on a key derived from <paramref name="name"/>.</summary>
    public static void LockFor(NpgsqlConnection connection, string name) =>
        Execute(connection, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", name);

    public static DateTimeOffset? Time(NpgsqlDataReader row, int column) => row.IsDBNull(column) ? null : row.GetFieldValue<DateTimeOffset>(column);

    public static string? Text(NpgsqlDataReader row, int column) => row.IsDBNull(column) ? null : row.GetString(column);
}
