using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using ResetTrail.Storage.Sqlite.EvidenceLog;

namespace ResetTrail.Storage.Sqlite.Tests.EvidenceLog;

/// <summary>A log in a temporary database with its key beside it, on a fake clock.</summary>
internal sealed class LogFixture : IDisposable
{
    public const string Origin = "test.example/resettrail";

    private readonly TemporaryDirectory directory = new();

    public LogFixture()
    {
        Database = directory.File("log.db");
        KeyPath = directory.File("log.db.key");
        Log = SqliteEvidenceLog.Initialize(Database, Origin, KeyPath, Time).Value;
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    public string Database { get; }

    public string KeyPath { get; }

    public SqliteEvidenceLog Log { get; }

    public string Path(string name) => directory.File(name);

    public static byte[] Entry(int i) => Encoding.UTF8.GetBytes($"{{\"entry\":{i}}}");

    public void AppendEntries(int count, int batch)
    {
        for (var start = 0; start < count; start += batch)
        {
            var size = (int)Log.LatestCheckpoint().Size;
            Log.Append([.. Enumerable.Range(size, Math.Min(batch, count - start)).Select(Entry)]);
        }
    }

    /// <summary>Runs SQL on the database behind the log's back, as someone with file access could.</summary>
    public void Tamper(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public SqliteEvidenceLog OpenAnother() => SqliteEvidenceLog.Open(Database, KeyPath, Time).Value;

    public void Dispose()
    {
        Log.Dispose();
        directory.Dispose();
    }
}
