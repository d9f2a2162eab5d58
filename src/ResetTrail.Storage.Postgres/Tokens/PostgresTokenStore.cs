using Npgsql;
using ResetTrail.Core.Access;

namespace ResetTrail.Storage.Postgres.Tokens;

/// <summary>
/// API tokens in the shared database (migration 0004_server_stores), hashes only. Two servers creating a token of the
/// same name at once are serialised by an advisory lock on the name, so at most one active token has it.
/// </summary>
public sealed class PostgresTokenStore(NpgsqlDataSource dataSource) : ITokenStore
{
    private const string Columns = "id, name, hash, roles, created_by, created_at, expires_at, revoked_at, revoked_by";

    public bool Add(StoredApiToken token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Statement.LockFor(connection, "api token " + token.Name);
        var added = Statement.Execute(connection, $"""
            INSERT INTO api_tokens ({Columns})
            SELECT $1, $2, $3, $4, $5, $6, $7, NULL, NULL
            WHERE NOT EXISTS (SELECT 1 FROM api_tokens WHERE name = $2 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $8))
            """, token.Id, token.Name, token.Hash, token.Roles.ToArray(), token.CreatedBy, token.CreatedAt, token.ExpiresAt, now) == 1;
        transaction.Commit();
        return added;
    }

    public StoredApiToken? FindByHash(byte[] hash) => Read($"SELECT {Columns} FROM api_tokens WHERE hash = $1", hash).SingleOrDefault();

    public IReadOnlyList<StoredApiToken> List() => Read($"SELECT {Columns} FROM api_tokens ORDER BY created_at, id");

    public bool Revoke(string id, string revokedBy, DateTimeOffset now) =>
        Statement.Execute(dataSource, "UPDATE api_tokens SET revoked_at = $3, revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL", id, revokedBy, now) == 1;

    private List<StoredApiToken> Read(string sql, params object?[] values)
    {
        using var connection = dataSource.OpenConnection();
        using var command = Statement.Command(connection, sql, values);
        using var rows = command.ExecuteReader();
        var tokens = new List<StoredApiToken>();
        while (rows.Read())
        {
            tokens.Add(new StoredApiToken(
                rows.GetString(0), rows.GetString(1), rows.GetFieldValue<byte[]>(2), rows.GetFieldValue<string[]>(3), rows.GetString(4),
                rows.GetFieldValue<DateTimeOffset>(5), Statement.Time(rows, 6), Statement.Time(rows, 7), Statement.Text(rows, 8)));
        }

        return tokens;
    }
}
