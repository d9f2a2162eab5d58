using Microsoft.Data.Sqlite;
using ResetTrail.Storage.Sqlite;

namespace ResetTrail.Bench.Peers;

/// <summary>
/// What SQLite itself can do with the same rows: a table (idx INTEGER PRIMARY KEY, entry BLOB), one
/// transaction per batch, one prepared command reused. The connection comes from the product's own
/// <see cref="SqliteDatabase.Open"/>, so the pragmas (WAL, synchronous=FULL) are the same.
/// </summary>
internal sealed class BareSqliteInsert : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteCommand insert;
    private long next;

    public BareSqliteInsert(string path)
    {
        connection = SqliteDatabase.Open(path, create: true);
        SqliteDatabase.Execute(connection, "CREATE TABLE entries (idx INTEGER PRIMARY KEY, entry BLOB NOT NULL)");
        insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO entries (idx, entry) VALUES ($idx, $entry)";
        insert.Parameters.Add("$idx", SqliteType.Integer);
        insert.Parameters.Add("$entry", SqliteType.Blob);
        insert.Prepare();
    }

    public void InsertBatch(IReadOnlyList<byte[]> entries)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        insert.Transaction = transaction;
        for (var i = 0; i < entries.Count; i++)
        {
            insert.Parameters[0].Value = next++;
            insert.Parameters[1].Value = entries[i];
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public void Dispose()
    {
        insert.Dispose();
        connection.Dispose();
    }
}
