using Microsoft.Data.Sqlite;
using ResetTrail.Core.Access;
using ResetTrail.Core.Evidence;

namespace ResetTrail.Storage.Sqlite.Tokens;

/// <summary>
/// API tokens in the product's database (migration 0004). Tokens are credentials, not evidence: they live
/// beside the log, not in it. The store holds hashes only; a leaked database yields no usable token.
/// </summary>
public sealed class SqliteTokenStore(string databasePath) : ITokenStore
{
    private const string Columns = "id, name, hash, roles, created_by, created_at, expires_at, revoked_at, revoked_by";

    /// <summary>Stores the token unless an active token (not revoked, not expired at <paramref name="now"/>) has its name.</summary>
    public bool Add(StoredApiToken token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        using var connection = SqliteDatabase.Open(databasePath, create: false);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO api_tokens ({Columns})
            SELECT $id, $name, $hash, $roles, $by, $at, $expires, NULL, NULL
            WHERE NOT EXISTS (SELECT 1 FROM api_tokens WHERE name = $name AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $now))
            """;
        command.Parameters.AddWithValue("$id", token.Id);
        command.Parameters.AddWithValue("$name", token.Name);
        command.Parameters.AddWithValue("$hash", token.Hash);
        command.Parameters.AddWithValue("$roles", string.Join(' ', token.Roles));
        command.Parameters.AddWithValue("$by", token.CreatedBy);
        command.Parameters.AddWithValue("$at", EvidenceRecord.FormatTime(token.CreatedAt));
        command.Parameters.AddWithValue("$expires", token.ExpiresAt is { } e ? EvidenceRecord.FormatTime(e) : DBNull.Value);
        command.Parameters.AddWithValue("$now", EvidenceRecord.FormatTime(now));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>The token whose SHA-256 is <paramref name="hash"/>, or null. The caller checks expiry and revocation.</summary>
    public StoredApiToken? FindByHash(byte[] hash)
    {
        // Every API request asks this: a pooled connection and a prepared statement (ADR 0042).
        using var read = ReadConnectionPool.Rent(databasePath);
        var command = read.Connection.Prepared(null, $"SELECT {Columns} FROM api_tokens WHERE hash = $hash");
        command.Parameters.AddWithValue("$hash", hash);
        return Read(command).SingleOrDefault();
    }

    public IReadOnlyList<StoredApiToken> List()
    {
        using var read = ReadConnectionPool.Rent(databasePath);
        var command = read.Connection.Prepared(null, $"SELECT {Columns} FROM api_tokens ORDER BY created_at, id");
        return Read(command);
    }

    /// <summary>Revokes a token by id; false when there is no such token or it was revoked already.</summary>
    public bool Revoke(string id, string revokedBy, DateTimeOffset now)
    {
        using var connection = SqliteDatabase.Open(databasePath, create: false);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_tokens SET revoked_at = $at, revoked_by = $by WHERE id = $id AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$by", revokedBy);
        command.Parameters.AddWithValue("$at", EvidenceRecord.FormatTime(now));
        return command.ExecuteNonQuery() == 1;
    }

    private static List<StoredApiToken> Read(SqliteCommand command)
    {
        var tokens = new List<StoredApiToken>();
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            tokens.Add(new StoredApiToken(
                rows.GetString(0),
                rows.GetString(1),
                (byte[])rows[2],
                rows.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                rows.GetString(4),
                EvidenceRecord.ParseTime(rows.GetString(5)),
                rows.IsDBNull(6) ? null : EvidenceRecord.ParseTime(rows.GetString(6)),
                rows.IsDBNull(7) ? null : EvidenceRecord.ParseTime(rows.GetString(7)),
                rows.IsDBNull(8) ? null : rows.GetString(8)));
        }

        return tokens;
    }
}
