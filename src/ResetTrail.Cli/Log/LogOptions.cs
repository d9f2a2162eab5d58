using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.Storage.Sqlite.EvidenceLog;

namespace ResetTrail.Cli.Log;

/// <summary>The options every log command shares, and opening the log they name.</summary>
internal static class LogOptions
{
    public const string DefaultDatabase = "resettrail.db";

    public static Option<string> Database() => new("--db")
    {
        Description = "The ResetTrail database file (SQLite). Default: $RESETTRAIL_DB, else ./resettrail.db",
        HelpName = "FILE",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RESETTRAIL_DB") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultDatabase,
    };

    public static Option<string?> Key() => new("--key")
    {
        Description = "The private signing key file (owner-only). Default: the database path + .key",
        HelpName = "FILE",
    };

    public static Option<ulong?> Size() => new("--size")
    {
        Description = "Tree size of the checkpoint to use. Default: the latest",
        HelpName = "N",
    };

    public static string KeyPath(ParseResult parse, Option<string> database, Option<string?> key) =>
        parse.GetValue(key) ?? SigningKeyFile.DefaultPathFor(parse.GetValue(database)!);

    public static SqliteEvidenceLog OpenForReading(ParseResult parse, Option<string> database, CliIO io)
    {
        var opened = SqliteEvidenceLog.Open(parse.GetValue(database)!, keyPath: null, io.Time);
        return opened.IsSuccess ? opened.Value : throw new CommandFailedException(opened.Error);
    }

    public static SqliteEvidenceLog OpenForWriting(ParseResult parse, Option<string> database, Option<string?> key, CliIO io)
    {
        var opened = SqliteEvidenceLog.Open(parse.GetValue(database)!, KeyPath(parse, database, key), io.Time);
        return opened.IsSuccess ? opened.Value : throw new CommandFailedException(opened.Error);
    }

    /// <summary>The value of an expected outcome, or the one-line failure the command prints.</summary>
    public static T Require<T>(ResetTrail.EvidenceLog.Result<T> result) =>
        result.IsSuccess ? result.Value : throw new CommandFailedException(result.Error);
}
