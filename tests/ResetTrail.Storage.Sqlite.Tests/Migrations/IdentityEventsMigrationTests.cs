using ResetTrail.Ingestion.Events;
using ResetTrail.Storage.Sqlite.Events;

namespace ResetTrail.Storage.Sqlite.Tests.Migrations;

/// <summary>Migration 0010 rebuilds identity_events as an ordinary table: a database stored before it keeps every event.</summary>
public sealed class IdentityEventsMigrationTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "resettrail-migration-" + Guid.NewGuid().ToString("N"));

    public IdentityEventsMigrationTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static IdentityEvent Reset(string id, int minute, string? actor) => StoreContract.PasswordResets.At(id, minute, actor);

    [Fact]
    public void Events_stored_before_the_rebuild_read_back_the_same_and_stay_unique()
    {
        var path = Path.Combine(folder, "old.db");
        var migration = Array.FindIndex(Sqlite.Migrations.All, m => m.Id == "0010_identity_events_appended");
        Assert.True(migration > 0);
        using (var connection = SqliteDatabase.Open(path, create: true))
        {
            Sqlite.Migrations.Apply(connection, TimeProvider.System, migration);
        }

        var store = new SqliteEventStore(path);
        IdentityEvent[] events = [Reset("e3", 9, "carol"), Reset("e1", 1, null), Reset("e2", 5, "bob")];
        Assert.Equal((3L, 0L), store.Store(events));
        var before = store.ReadAll().Select(e => (e.SourceEventId, e.Time, e.Actor?.Key)).ToList();

        using (var connection = SqliteDatabase.Open(path, create: false))
        {
            Sqlite.Migrations.Apply(connection, TimeProvider.System);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM identity_events WHERE rowid > 0";
            Assert.Equal(3L, (long)command.ExecuteScalar()!);
        }

        Assert.Equal(before, store.ReadAll().Select(e => (e.SourceEventId, e.Time, e.Actor?.Key)).ToList());
        Assert.Equal(["e1", "e2", "e3"], before.Select(e => e.SourceEventId));
        Assert.Equal((1L, 2L), store.Store([Reset("e1", 1, null), Reset("e2", 5, "bob"), Reset("e4", 12, null)]));
        Assert.Equal(4, store.Count());
        Assert.Equal(["e3", "e4"], store.ReadSince(new DateTimeOffset(2026, 11, 27, 9, 9, 0, TimeSpan.Zero)).Select(e => e.SourceEventId));
    }
}
