using ResetTrail.EvidenceLog.Storage;
using Microsoft.Data.Sqlite;
using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.Storage.Sqlite.EvidenceLog;

/// <summary>
/// The inside of one sequencer transaction: the connection and transaction to read and write other tables
/// with, and appends that get their indices now and become durable with the commit.
/// </summary>
internal sealed class LogWriteScope(SqliteEvidenceLog log, SqliteConnection connection, SqliteTransaction transaction, TileAppender appender)
{
    public SqliteConnection Connection { get; } = connection;

    public SqliteTransaction Transaction { get; } = transaction;

    /// <summary>The log's size including what this transaction appended so far.</summary>
    public ulong Size => appender.Size;

    /// <summary>Appends one entry and returns its index.</summary>
    public ulong Append(byte[] entry)
    {
        EntryLimit.CheckOne(entry, nameof(entry));

        var index = appender.Size;
        log.InsertEntries(Transaction, index, [entry], appender);
        return index;
    }

    public void AppendBatch(IReadOnlyList<byte[]> entries) => log.InsertEntries(Transaction, appender.Size, entries, appender);

    /// <summary>Reads one committed or just-appended entry.</summary>
    public byte[] ReadEntry(ulong index)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = "SELECT entry FROM log_entries WHERE idx = $idx";
        command.Parameters.AddWithValue("$idx", checked((long)index));
        return command.ExecuteScalar() as byte[] ?? throw new InvalidDataException($"log entry {index} is missing");
    }

    public SqliteCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }
}
