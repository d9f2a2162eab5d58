using Microsoft.Extensions.Time.Testing;
using ResetTrail.Storage.Postgres.EvidenceLog;
using ResetTrail.StoreContract;

namespace ResetTrail.Storage.Postgres.Tests;

/// <summary>
/// The one-round-trip append guesses the committed size from its own last commit; these interleave two handles (two
/// processes, as far as the sequencer can tell) so that every guess after the other's append is wrong.
/// </summary>
public sealed class PipelinedAppendTests(PostgresServerFixture fixture) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("resettrail-pipelined-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Appends_alternating_between_two_handles_land_at_the_right_index_and_the_log_verifies()
    {
        var database = fixture.Server.CreateDatabase();
        var key = Path.Combine(folder, "log.key");
        using var first = PostgresEvidenceLog.Initialize(database, "pipelined.example/log", key, time).Value;
        using var second = PostgresEvidenceLog.Open(database, key, time).Value;

        var indices = new List<ulong>();
        // second, then first three times (its guess holds from the third on), then second moves the log under first's guess.
        for (var round = 0; round < 8; round++)
        {
            var log = round % 4 == 0 ? second : first;
            indices.Add(log.Append([StoreBackend.Entry(2 * round), StoreBackend.Entry((2 * round) + 1)]).FirstIndex);
        }

        Assert.Equal([0UL, 2, 4, 6, 8, 10, 12, 14], indices);
        Assert.Equal((2L, 0L), (first.PipelinedCommits, second.PipelinedCommits)); // rounds 3 and 7; round 5's guess failed
        Assert.Equal(16UL, first.LatestCheckpoint().Size);
        Assert.Equal(Enumerable.Range(0, 16).Select(StoreBackend.Entry), first.ReadEntries(0, 16).Select(e => e.Data));
        var audit = second.Audit([first.Verifier]);
        Assert.True(audit.IsIntact, audit.Problem);
    }

    [Fact]
    public void A_large_batch_after_a_small_one_goes_by_copy_and_continues_the_same_tree()
    {
        var database = fixture.Server.CreateDatabase();
        using var log = PostgresEvidenceLog.Initialize(database, "pipelined.example/log", Path.Combine(folder, "big.key"), time).Value;

        log.Append([StoreBackend.Entry(0)]);
        log.Append([StoreBackend.Entry(1)]);
        var big = log.Append([.. Enumerable.Range(2, LogWriteScope.CopyThreshold).Select(StoreBackend.Entry)]);
        log.Append([StoreBackend.Entry(-1)]);

        Assert.Equal(2UL, big.FirstIndex);
        Assert.Equal((ulong)LogWriteScope.CopyThreshold + 3, log.LatestCheckpoint().Size);
        Assert.True(log.Audit().IsIntact);
    }
}
