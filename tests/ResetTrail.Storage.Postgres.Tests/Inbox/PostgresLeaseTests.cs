using Npgsql;
using ResetTrail.Storage.Postgres.Inbox;

namespace ResetTrail.Storage.Postgres.Tests.Inbox;

/// <summary>The inbox and detection lease on a real PostgreSQL: one holder at a time, given back on dispose, lost with its session.</summary>
public sealed class PostgresLeaseTests(PostgresServerFixture fixture)
{
    [Fact]
    public void One_holder_at_a_time_and_the_next_takes_it_when_the_holder_stops_or_its_session_ends()
    {
        var database = fixture.Server.CreateDatabase("lease");
        using var oneSource = PostgresDatabase.DataSource(database).Value;
        using var otherSource = PostgresDatabase.DataSource(database).Value;
        var one = new PostgresLease(oneSource, PostgresLease.InboxKey);
        using var other = new PostgresLease(otherSource, PostgresLease.InboxKey);

        Assert.True(one.TryHold());
        Assert.True(one.TryHold()); // held, and still alive
        Assert.False(other.TryHold());

        one.Dispose(); // a server that stops gives it back at once, though its pooled connection lives on
        Assert.True(other.TryHold());

        using var third = new PostgresLease(oneSource, PostgresLease.InboxKey);
        Assert.False(third.TryHold());

        // The holder's session ends (a server that died, a connection cut): the lock goes with it.
        fixture.Server.Admin(
            $"SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND ((classid::bigint << 32) | objid::bigint) = {PostgresLease.InboxKey}",
            new NpgsqlConnectionStringBuilder(PostgresDatabase.ConnectionString(database).Value).Database!);
        Assert.True(WithinSeconds(() => third.TryHold()));
        Assert.False(other.TryHold());
    }

    private static bool WithinSeconds(Func<bool> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return false;
    }
}
