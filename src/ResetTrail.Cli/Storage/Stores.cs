using ResetTrail.EvidenceLog;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.Storage.Postgres;
using ResetTrail.Storage.Postgres.EvidenceLog;
using ResetTrail.Storage.Sqlite.EvidenceLog;

namespace ResetTrail.Cli.Storage;

/// <summary>
/// The one place that turns --db into a backend: postgres://..., postgresql://... or an Npgsql connection string
/// (Host=...) is PostgreSQL; anything else is a SQLite file. The signing key is a file on either.
/// </summary>
internal static class Stores
{
    public static bool IsPostgres(string database) => PostgresDatabase.IsPostgres(database);

    /// <summary>The key file: --key, else beside a SQLite file; a PostgreSQL database has no "beside", so --key is needed.</summary>
    public static Result<string> KeyPath(string database, string? key) =>
        key is not null ? key
        : IsPostgres(database) ? Result<string>.Fail("a PostgreSQL database needs --key FILE: the signing key stays a file, never in the database")
        : SigningKeyFile.DefaultPathFor(database);

    public static Result<Store> Open(string database, string? keyPath, TimeProvider time)
    {
        if (IsPostgres(database))
        {
            var opened = PostgresEvidenceLog.Open(database, keyPath, time);
            return opened.IsSuccess ? new PostgresStore(opened.Value) : Result<Store>.Fail(opened.Error);
        }

        var file = SqliteEvidenceLog.Open(database, keyPath, time);
        return file.IsSuccess ? new SqliteStore(file.Value) : Result<Store>.Fail(file.Error);
    }

    public static Result<Store> Initialize(string database, string origin, string keyPath, TimeProvider time)
    {
        if (IsPostgres(database))
        {
            var created = PostgresEvidenceLog.Initialize(database, origin, keyPath, time);
            return created.IsSuccess ? new PostgresStore(created.Value) : Result<Store>.Fail(created.Error);
        }

        var file = SqliteEvidenceLog.Initialize(database, origin, keyPath, time);
        return file.IsSuccess ? new SqliteStore(file.Value) : Result<Store>.Fail(file.Error);
    }

    /// <summary>Whether the database already holds a log (for commands that create one when it does not).</summary>
    public static bool HoldsLog(string database, TimeProvider time)
    {
        if (!IsPostgres(database))
        {
            return File.Exists(database);
        }

        using var opened = PostgresEvidenceLog.Open(database, keyPath: null, time) is { IsSuccess: true } log ? log.Value : null;
        return opened is not null;
    }
}
