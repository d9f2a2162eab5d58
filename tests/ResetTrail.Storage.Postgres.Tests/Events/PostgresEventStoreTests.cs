using ResetTrail.Ingestion.Events;
using ResetTrail.Storage.Postgres.Events;
using ResetTrail.Storage.Postgres.Tests.Contract;

namespace ResetTrail.Storage.Postgres.Tests.Events;

public sealed class PostgresEventStoreTests(PostgresServerFixture fixture) : IDisposable
{
    private readonly PostgresBackend backend = new(fixture);

    public void Dispose() => backend.Dispose();

    private static IdentityEvent Event(string id, int minute, string? actor) => StoreContract.PasswordResets.At(id, minute, actor);

    [Fact]
    public void Storing_the_same_events_twice_keeps_one_copy_and_reads_back_in_time_order()
    {
        var store = PostgresEventStore.Open(backend.Database, TimeProvider.System).Value;
        IdentityEvent[] events = [Event("e2", 5, "bob"), Event("e1", 1, null), Event("e1", 1, null), Event("e3", 9, "carol")];

        var first = store.Store(events);
        var second = store.Store(events.Take(2));

        Assert.Equal((3L, 1L), first);
        Assert.Equal((0L, 2L), second);
        Assert.Equal(3, store.Count());
        var read = store.ReadAll().ToList();
        Assert.Equal(["e1", "e2", "e3"], read.Select(e => e.SourceEventId));
        Assert.Equal("bob", read[1].Actor!.Key);
        Assert.Null(read[0].Actor);
        Assert.Equal(events[0].Time, read[1].Time);
    }
}
