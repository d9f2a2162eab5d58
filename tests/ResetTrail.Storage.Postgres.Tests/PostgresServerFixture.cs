using ResetTrail.Storage.Postgres.Tests;
using ResetTrail.Testing;

[assembly: AssemblyFixture(typeof(PostgresServerFixture))]

namespace ResetTrail.Storage.Postgres.Tests;

/// <summary>
/// One real PostgreSQL server for this test assembly, started before the first test and stopped after the last
/// (also when tests fail); each test creates its own database on it.
/// </summary>
public sealed class PostgresServerFixture : IDisposable
{
    private readonly TemporaryPostgres server = TemporaryPostgres.Start();

    internal TemporaryPostgres Server => server;

    public void Dispose() => server.Dispose();
}
