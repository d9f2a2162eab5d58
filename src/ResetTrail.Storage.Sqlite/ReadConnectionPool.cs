using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ResetTrail.Storage.Sqlite;

/// <summary>
/// Open read-only connections to one database file, kept while a log holds the file open (ADR 0042). Opening a
/// connection costs a file open, the schema read and the PRAGMAs, hundreds of microseconds; a token check or a case
/// read is a few microseconds of SQL. Each statement on a WAL database reads the latest commit, so a pooled
/// connection sees other processes' writes exactly as a new one would. Writers are untouched: they keep their own
/// connection, the sequencer and BEGIN IMMEDIATE.
/// </summary>
/// <remarks>
/// The pool lives from the first <see cref="Hold"/> on a file to the matching last <see cref="Release"/>, which closes
/// every idle connection (tests delete the file right after). A store reading a file no log holds gets a connection
/// opened for that one read and closed after it, as before.
/// </remarks>
internal sealed class ReadConnectionPool
{
    /// <summary>Idle connections kept; more may be open at once under load, and those close when returned.</summary>
    public const int MaxIdle = 8;

    private static readonly ConcurrentDictionary<string, ReadConnectionPool> Pools = new(StringComparer.Ordinal);
    private static readonly Lock Registry = new();

    private readonly Lock gate = new();
    private readonly Stack<SqliteConnection> idle = new();
    private readonly string path;
    private int holders; // changed under Registry
    private bool closed; // changed under gate

    private ReadConnectionPool(string path) => this.path = path;

    /// <summary>Connections open now and idle (for tests that check the pool closes them).</summary>
    internal int IdleCount
    {
        get
        {
            lock (gate)
            {
                return idle.Count;
            }
        }
    }

    /// <summary>Keeps the pool for <paramref name="databasePath"/> open until the matching <see cref="Release"/>.</summary>
    public static ReadConnectionPool Hold(string databasePath)
    {
        var key = Path.GetFullPath(databasePath);
        lock (Registry)
        {
            var pool = Pools.GetOrAdd(key, p => new ReadConnectionPool(p));
            pool.holders++;
            return pool;
        }
    }

    /// <summary>Lets go of the pool; the last holder closes its connections.</summary>
    public void Release()
    {
        lock (Registry)
        {
            if (--holders > 0)
            {
                return;
            }

            Pools.TryRemove(path, out _);
        }

        lock (gate)
        {
            closed = true;
            while (idle.TryPop(out var connection))
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>A connection to read <paramref name="databasePath"/> with: pooled while a log holds the file, else opened for this read.</summary>
    public static PooledRead Rent(string databasePath) =>
        Pools.TryGetValue(Path.GetFullPath(databasePath), out var pool) ? pool.Rent() : new PooledRead(SqliteDatabase.Open(databasePath, create: false), null);

    public PooledRead Rent()
    {
        lock (gate)
        {
            if (!closed && idle.TryPop(out var connection))
            {
                return new PooledRead(connection, this);
            }
        }

        return new PooledRead(OpenReadOnly(path), this);
    }

    internal void Return(SqliteConnection connection)
    {
        lock (gate)
        {
            if (!closed && idle.Count < MaxIdle)
            {
                idle.Push(connection);
                return;
            }
        }

        connection.Dispose();
    }

    private static SqliteConnection OpenReadOnly(string path)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 60,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            // Readers of a WAL file do not wait for writers; the timeout covers recovery after a crashed writer.
            SqliteDatabase.Execute(connection, "PRAGMA busy_timeout=60000;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}

/// <summary>A connection lent for one read; disposing gives it back (or closes it when it was opened for this read).</summary>
internal readonly struct PooledRead(SqliteConnection connection, ReadConnectionPool? pool) : IDisposable
{
    public SqliteConnection Connection { get; } = connection;

    public void Dispose()
    {
        if (pool is null)
        {
            Connection.Dispose();
        }
        else
        {
            pool.Return(Connection);
        }
    }
}
