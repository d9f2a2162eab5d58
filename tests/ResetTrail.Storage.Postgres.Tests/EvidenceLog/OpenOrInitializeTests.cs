using ResetTrail.EvidenceLog;
using ResetTrail.Storage.Postgres.EvidenceLog;
using ResetTrail.Storage.Postgres.Tests.Contract;

namespace ResetTrail.Storage.Postgres.Tests.EvidenceLog;

/// <summary>Servers starting together on an empty database with one key path that does not exist yet.</summary>
public sealed class OpenOrInitializeTests(PostgresServerFixture fixture) : IDisposable
{
    private readonly PostgresBackend backend = new(fixture);

    public void Dispose() => backend.Dispose();

    [Fact]
    public void Racing_starts_create_one_log_whose_key_is_the_key_file()
    {
        for (var round = 0; round < 4; round++)
        {
            var database = fixture.Server.CreateDatabase();
            var keyPath = Path.Combine(backend.Folder, $"race-{round}.key");
            using var start = new Barrier(6);
            var results = new Result<PostgresEvidenceLog>[6];
            var threads = Enumerable.Range(0, 6).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                results[i] = PostgresEvidenceLog.OpenOrInitialize(database, "race.example/log", keyPath, backend.Time);
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            try
            {
                Assert.All(results, r => Assert.True(r.IsSuccess, r.Error));
                var fileKey = ResetTrail.EvidenceLog.Notes.SigningKeyFile.Read(keyPath).Value;
                Assert.All(results, r => Assert.Equal(fileKey.Verifier.ToString(), r.Value.Verifier.ToString()));
            }
            finally
            {
                foreach (var r in results.Where(r => r.IsSuccess))
                {
                    r.Value.Dispose();
                }
            }
        }
    }
}
