using Microsoft.Data.Sqlite;

namespace ResetTrail.Storage.Sqlite;

/// <summary>
/// Opens the product's one SQLite file. WAL journal with synchronous=FULL: a commit returns only after
/// the WAL is on disk, which is what "durable evidence" means here. A busy timeout makes concurrent
/// writers (threads and processes) wait for the write lock instead of failing.
/// </summary>
public static class SqliteDatabase
{
    public static SqliteConnection Open(string path, bool create)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 60,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=60000; PRAGMA foreign_keys=ON;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
