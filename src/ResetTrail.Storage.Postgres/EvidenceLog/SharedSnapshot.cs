using System.Text.RegularExpressions;
using Npgsql;

namespace ResetTrail.Storage.Postgres.EvidenceLog;

/// <summary>
/// Several connections reading one consistent snapshot: the first exports its REPEATABLE READ snapshot
/// (pg_export_snapshot) and the others adopt it (SET TRANSACTION SNAPSHOT). A connection streams one result at a
/// time, and the auditor reads entries, checkpoints and tiles side by side, all of the same moment.
/// </summary>
internal sealed partial class SharedSnapshot : IDisposable
{
    private readonly List<NpgsqlConnection> connections = [];

    private SharedSnapshot()
    {
    }

    public NpgsqlConnection this[int reader] => connections[reader];

    public static SharedSnapshot Open(NpgsqlDataSource dataSource, int readers)
    {
        var snapshot = new SharedSnapshot();
        try
        {
            var first = dataSource.OpenConnection();
            snapshot.connections.Add(first);
            Migrations.Execute(first, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", first);
            var id = (string)export.ExecuteScalar()!;
            if (!SnapshotId().IsMatch(id))
            {
                throw new InvalidDataException($"PostgreSQL exported a snapshot id of an unexpected form: '{id}'");
            }

            for (var i = 1; i < readers; i++)
            {
                var next = dataSource.OpenConnection();
                snapshot.connections.Add(next);
                Migrations.Execute(next, $"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '{id}'");
            }

            return snapshot;
        }
        catch
        {
            snapshot.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var connection in connections)
        {
            try
            {
                if (connection.FullState == System.Data.ConnectionState.Open)
                {
                    Migrations.Execute(connection, "ROLLBACK");
                }
            }
            catch (NpgsqlException)
            {
                // A read-only transaction on a broken session: nothing to undo.
            }

            connection.Dispose();
        }
    }

    [GeneratedRegex("^[0-9A-F-]+$")]
    private static partial Regex SnapshotId();
}
