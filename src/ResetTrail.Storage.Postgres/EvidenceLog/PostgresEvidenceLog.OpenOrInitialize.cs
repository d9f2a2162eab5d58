using ResetTrail.EvidenceLog;

namespace ResetTrail.Storage.Postgres.EvidenceLog;

public sealed partial class PostgresEvidenceLog
{
    /// <summary>
    /// Opens the log for appending, creating it first when the database holds none. Servers starting together on an
    /// empty database: one creates it (the others wait at the sequencer lock and find it created), then all open it.
    /// </summary>
    public static Result<PostgresEvidenceLog> OpenOrInitialize(string database, string origin, string keyPath, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (!HoldsLog(database, time))
        {
            Result<PostgresEvidenceLog> created;
            try
            {
                created = Initialize(database, origin, keyPath, time);
            }
            catch (IOException) when (File.Exists(keyPath))
            {
                // Another server wrote its new key file between our look and our write: initialise with that key.
                created = Initialize(database, origin, keyPath, time);
            }

            if (created.IsSuccess || !HoldsLog(database, time))
            {
                return created;
            }
        }

        return Open(database, keyPath, time);
    }

    private static bool HoldsLog(string database, TimeProvider time)
    {
        var opened = PostgresDatabase.DataSource(database);
        if (!opened.IsSuccess)
        {
            return false;
        }

        using var dataSource = opened.Value;
        Migrations.Apply(dataSource, time);
        return ReadMeta(dataSource, "origin") is not null;
    }
}
