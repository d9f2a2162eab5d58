using ResetTrail.Core.Access;
using ResetTrail.Storage.Sqlite.Tests.EvidenceLog;
using ResetTrail.Storage.Sqlite.Tokens;

namespace ResetTrail.Storage.Sqlite.Tests;

/// <summary>Pooled read-only connections (ADR 0042): open while a log holds the file, all closed with it.</summary>
public sealed class ReadConnectionPoolTests
{
    private static StoredApiToken Token(string id, byte hash, DateTimeOffset at) =>
        new(id, "bot-" + id, [.. Enumerable.Repeat(hash, 32)], ["auditor"], "test", at, null, null, null);

    [Fact]
    public void Reads_reuse_pooled_connections_and_the_last_release_closes_them()
    {
        using var fixture = new LogFixture();
        var pool = ReadConnectionPool.Hold(fixture.Database);
        try
        {
            using (var first = pool.Rent())
            using (var second = ReadConnectionPool.Rent(fixture.Database))
            {
                Assert.NotSame(first.Connection, second.Connection);
            }

            Assert.Equal(2, pool.IdleCount);
            using (var again = pool.Rent())
            {
                Assert.Equal(1, pool.IdleCount);
            }
        }
        finally
        {
            pool.Release();
        }

        // The log still holds the file, so the pool stays open for it.
        Assert.Equal(2, pool.IdleCount);
        fixture.Log.Dispose();
        Assert.Equal(0, pool.IdleCount);
    }

    [Fact]
    public void Disposing_the_log_closes_every_connection_to_the_file()
    {
        var fixture = new LogFixture();
        var tokens = new SqliteTokenStore(fixture.Database);
        tokens.Add(Token("t1", 1, fixture.Time.GetUtcNow()), fixture.Time.GetUtcNow());
        fixture.AppendEntries(3, 1);
        Assert.NotNull(tokens.FindByHash([.. Enumerable.Repeat((byte)1, 32)]));
        Assert.Equal(3UL, fixture.Log.LatestCheckpoint().Size);
        Assert.Single(fixture.Log.ReadEntries(0, 1));

        fixture.Log.Dispose();

        // SQLite removes the write-ahead log when the last connection to the file closes; a pooled reader left
        // open would keep it.
        Assert.False(File.Exists(fixture.Database + "-wal"), "a connection to the database is still open");
        fixture.Dispose();
    }

    [Fact]
    public void A_pooled_read_sees_a_write_made_on_another_connection()
    {
        using var fixture = new LogFixture();
        var reader = new SqliteTokenStore(fixture.Database);
        var writer = new SqliteTokenStore(fixture.Database);
        var now = fixture.Time.GetUtcNow();
        writer.Add(Token("t1", 7, now), now);
        byte[] hash = [.. Enumerable.Repeat((byte)7, 32)];
        Assert.Null(reader.FindByHash(hash)!.RevokedAt);

        Assert.True(writer.Revoke("t1", "admin", now));
        fixture.Tamper("UPDATE api_tokens SET name = 'renamed' WHERE id = 't1'");

        var after = reader.FindByHash(hash)!;
        Assert.NotNull(after.RevokedAt);
        Assert.Equal("renamed", after.Name);
    }

    [Fact]
    public void A_store_reading_a_file_no_log_holds_opens_and_closes_a_connection_per_read()
    {
        using var fixture = new LogFixture();
        fixture.Log.Dispose();
        var tokens = new SqliteTokenStore(fixture.Database);
        var now = fixture.Time.GetUtcNow();
        tokens.Add(Token("t1", 3, now), now);

        Assert.Single(tokens.List());
        Assert.False(File.Exists(fixture.Database + "-wal"), "a connection to the database is still open");
    }
}
