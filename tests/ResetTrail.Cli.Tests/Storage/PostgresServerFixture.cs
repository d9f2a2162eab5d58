using ResetTrail.Cli.Tests.Storage;
using ResetTrail.Testing;

[assembly: AssemblyFixture(typeof(PostgresServerFixture))]

namespace ResetTrail.Cli.Tests.Storage;

/// <summary>One real PostgreSQL server for the CLI tests that use one; each test creates its own database on it.</summary>
public sealed class PostgresServerFixture : IDisposable
{
    private readonly Lazy<TemporaryPostgres> server = new(TemporaryPostgres.Start);

    internal TemporaryPostgres Server => server.Value;

    public void Dispose()
    {
        if (server.IsValueCreated)
        {
            server.Value.Dispose();
        }
    }
}
