using Npgsql;
using ResetTrail.EvidenceLog;

namespace ResetTrail.Storage.Postgres;

/// <summary>
/// Names and opens a ResetTrail PostgreSQL database: a URL (postgres://user@host:port/db or postgresql://...) or an
/// Npgsql connection string (Host=...;Database=...). Statements are prepared automatically once they repeat, so the
/// append path runs prepared statements without each caller managing them.
/// </summary>
public static class PostgresDatabase
{
    /// <summary>Whether <paramref name="database"/> names a PostgreSQL database rather than a SQLite file.</summary>
    public static bool IsPostgres(string database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || database.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || database.TrimStart().StartsWith("host=", StringComparison.OrdinalIgnoreCase)
            || database.Contains(";host=", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The Npgsql connection string for a URL or connection string, or why it is not one.</summary>
    public static Result<string> ConnectionString(string database)
    {
        ArgumentNullException.ThrowIfNull(database);
        try
        {
            var builder = database.Contains("://", StringComparison.Ordinal) ? FromUrl(database) : new NpgsqlConnectionStringBuilder(database);
            if (string.IsNullOrEmpty(builder.Host) || string.IsNullOrEmpty(builder.Database))
            {
                return Result<string>.Fail("a PostgreSQL database needs a host and a database name, e.g. postgres://resettrail@db.example:5432/resettrail");
            }

            builder.ApplicationName ??= "resettrail";
            // Prepare a statement on its second use and keep up to 64 per connection: the append path repeats a dozen.
            builder.MaxAutoPrepare = builder.MaxAutoPrepare == 0 ? 64 : builder.MaxAutoPrepare;
            builder.AutoPrepareMinUsages = 2;
            return builder.ConnectionString;
        }
        catch (ArgumentException e)
        {
            return Result<string>.Fail($"'{Redacted(database)}' is not a PostgreSQL URL or connection string: {e.Message}");
        }
    }

    /// <summary>A data source (connection pool) for the database, or why it cannot be named.</summary>
    public static Result<NpgsqlDataSource> DataSource(string database)
    {
        var connectionString = ConnectionString(database);
        return connectionString.IsSuccess
            ? Result<NpgsqlDataSource>.Ok(NpgsqlDataSource.Create(connectionString.Value))
            : Result<NpgsqlDataSource>.Fail(connectionString.Error);
    }

    /// <summary>The database named without its password, for messages.</summary>
    public static string Redacted(string database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Contains("://", StringComparison.Ordinal))
        {
            var at = database.IndexOf('@', StringComparison.Ordinal);
            var scheme = database.IndexOf("://", StringComparison.Ordinal) + 3;
            var colon = at < 0 ? -1 : database.IndexOf(':', scheme, at - scheme);
            return colon < 0 ? database : database[..colon] + ":***" + database[at..];
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(database);
            if (builder.Password is not null)
            {
                builder.Password = "***";
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(an unreadable connection string)";
        }
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw new ArgumentException("expected postgres://user[:password]@host[:port]/database[?key=value&...]");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k, v) : (pair, string.Empty);
            builder[Uri.UnescapeDataString(key)] = Uri.UnescapeDataString(value);
        }

        return builder;
    }
}
