using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ResetTrail.Storage.Postgres.EvidenceLog;
using ResetTrail.Storage.Postgres.Tests.Contract;

namespace ResetTrail.Storage.Postgres.Tests.Migrations;

public sealed class MigrationTests(PostgresServerFixture fixture) : IDisposable
{
    private readonly PostgresBackend backend = new(fixture);

    public void Dispose() => backend.Dispose();

    [Fact]
    public void Openers_starting_together_on_a_fresh_database_apply_each_migration_once()
    {
        const int openers = 8;
        var applied = new IReadOnlyList<string>[openers];
        using var start = new Barrier(openers);

        Parallel.For(0, openers, new ParallelOptions { MaxDegreeOfParallelism = openers }, i =>
        {
            using var dataSource = PostgresDatabase.DataSource(backend.Database).Value;
            start.SignalAndWait();
            applied[i] = Postgres.Migrations.Apply(dataSource, TimeProvider.System);
        });

        var all = Postgres.Migrations.All.Select(m => m.Id).ToList();
        Assert.Equal(all, applied.SelectMany(a => a).Order(StringComparer.Ordinal));
        Assert.Single(applied, a => a.Count > 0);
        using var connection = backend.Connect();
        using var count = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", connection);
        Assert.Equal((long)all.Count, count.ExecuteScalar());
        using var check = PostgresDatabase.DataSource(backend.Database).Value;
        Assert.Equal(Postgres.Migrations.Latest, Postgres.Migrations.Current(check));
    }

    [Fact]
    public void A_database_never_migrated_has_no_version_and_opening_it_as_a_log_says_how_to_create_one()
    {
        using var dataSource = PostgresDatabase.DataSource(backend.Database).Value;
        Assert.Null(Postgres.Migrations.Current(dataSource));

        var opened = PostgresEvidenceLog.Open(backend.Database, keyPath: null, new FakeTimeProvider());

        Assert.False(opened.IsSuccess);
        Assert.Contains("resettrail log init", opened.Error, StringComparison.Ordinal);
        Assert.Equal(Postgres.Migrations.Latest, Postgres.Migrations.Current(dataSource));
    }

    [Fact]
    public void Appending_is_refused_when_commits_would_not_be_durable()
    {
        using (backend.Initialize())
        {
        }

        var name = new NpgsqlConnectionStringBuilder(PostgresDatabase.ConnectionString(backend.Database).Value).Database;
        fixture.Server.Admin($"ALTER DATABASE \"{name}\" SET synchronous_commit = off");

        var writer = PostgresEvidenceLog.Open(backend.Database, backend.KeyPath, backend.Time);
        using var reader = PostgresEvidenceLog.Open(backend.Database, keyPath: null, backend.Time).Value;

        Assert.False(writer.IsSuccess);
        Assert.Contains("synchronous_commit is off", writer.Error, StringComparison.Ordinal);
        Assert.Equal(0UL, reader.LatestCheckpoint().Size);
    }

    [Fact]
    public void Initialising_a_database_that_holds_a_log_is_refused_and_keeps_it()
    {
        using var log = backend.Initialize();
        log.Append([ResetTrail.StoreContract.StoreBackend.Entry(0)]);

        var again = PostgresEvidenceLog.Initialize(backend.Database, "other.example/log", Path.Combine(backend.Folder, "other.key"), backend.Time);

        Assert.False(again.IsSuccess);
        Assert.Contains("already holds a log", again.Error, StringComparison.Ordinal);
        Assert.Equal(1UL, log.LatestCheckpoint().Size);
    }
}
