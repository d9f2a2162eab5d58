using Npgsql;

namespace ResetTrail.Storage.Postgres.Inbox;

/// <summary>
/// One holder among the servers of a database: a session advisory lock on a connection of its own. The holder keeps
/// it while its session lives; when the server stops or dies, or its connection breaks, PostgreSQL releases the lock
/// and the next server that asks takes it. Used so that one server processes the shared inbox and runs detection
/// (its windows are one process's memory), the others only accept deliveries.
/// </summary>
public sealed class PostgresLease(NpgsqlDataSource dataSource, long key) : IDisposable
{
    /// <summary>The inbox and detection lease ("RTINBOX" in ASCII).</summary>
    public const long InboxKey = 0x5254494E424F58;

    private readonly Lock gate = new();
    private NpgsqlConnection? held;

    /// <summary>
    /// True while this process holds the lease: checks that the holding session is still alive (one round trip), or
    /// tries to take the lease when it is free. False when another server holds it or the database cannot be reached.
    /// </summary>
    public bool TryHold()
    {
        lock (gate)
        {
            if (held is not null)
            {
                try
                {
                    using var ping = new NpgsqlCommand("SELECT 1", held);
                    ping.ExecuteScalar();
                    return true;
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                {
                    // The session is gone, and the lock with it: another server may hold it by now.
                    Release();
                }
            }

            NpgsqlConnection? connection = null;
            try
            {
                connection = dataSource.OpenConnection();
                using var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({key})", connection);
                if (take.ExecuteScalar() is true)
                {
                    held = connection;
                    return true;
                }
            }
            catch (NpgsqlException)
            {
                // Unreachable now: not the holder; asked again at the next check.
            }

            connection?.Dispose();
            return false;
        }
    }

    /// <summary>Gives the lease back at once (a stopping server), so another server need not wait for the session to end.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (held is not null)
            {
                try
                {
                    // Unlocked explicitly: a pooled connection's session outlives Dispose, and its lock with it.
                    using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({key})", held);
                    unlock.ExecuteScalar();
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                {
                    // The session is already gone, and the lock with it.
                }
            }

            Release();
        }
    }

    private void Release()
    {
        held?.Dispose();
        held = null;
    }
}
