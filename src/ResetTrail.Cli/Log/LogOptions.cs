using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.Cli.Storage;

namespace ResetTrail.Cli.Log;

/// <summary>The options every log command shares, and opening the log they name.</summary>
internal static class LogOptions
{
    public const string DefaultDatabase = "resettrail.db";

    public static Option<string> Database() => new("--db")
    {
        Description = "The ResetTrail database: a SQLite file, or PostgreSQL as postgres://user@host:port/db or Host=...;Database=... Default: $RESETTRAIL_DB, else ./resettrail.db",
        HelpName = "FILE|URL",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RESETTRAIL_DB") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultDatabase,
    };

    public static Option<string?> Key() => new("--key")
    {
        Description = "The private signing key file (owner-only). Default: the SQLite file's path + .key; required with PostgreSQL",
        HelpName = "FILE",
    };

    public static Option<ulong?> Size() => new("--size")
    {
        Description = "Tree size of the checkpoint to use. Default: the latest",
        HelpName = "N",
    };

    public static string KeyPath(ParseResult parse, Option<string> database, Option<string?> key) =>
        Require(Stores.KeyPath(parse.GetValue(database)!, parse.GetValue(key)));

    public static Store OpenForReading(ParseResult parse, Option<string> database, CliIO io) =>
        Require(Stores.Open(parse.GetValue(database)!, keyPath: null, io.Time));

    public static Store OpenForWriting(ParseResult parse, Option<string> database, Option<string?> key, CliIO io) =>
        Require(Stores.Open(parse.GetValue(database)!, KeyPath(parse, database, key), io.Time));

    /// <summary>The value of an expected outcome, or the one-line failure the command prints.</summary>
    public static T Require<T>(ResetTrail.EvidenceLog.Result<T> result) =>
        result.IsSuccess ? result.Value : throw new CommandFailedException(result.Error);
}
