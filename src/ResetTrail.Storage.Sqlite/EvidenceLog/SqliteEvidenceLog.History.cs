using System.Globalization;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.EvidenceLog.Storage;

namespace ResetTrail.Storage.Sqlite.EvidenceLog;

public sealed partial class SqliteEvidenceLog
{
    /// <summary>Every checkpoint the log signed, in size order (streamed): the history an installation copy carries over.</summary>
    public IEnumerable<StoredCheckpoint> AllCheckpoints()
    {
        using var connection = SqliteDatabase.Open(Path, create: false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT size, root, note, signed_at FROM log_checkpoints ORDER BY size";
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            yield return ReadCheckpointRow(rows);
        }
    }

    /// <summary>Every signing key the log has had, oldest first, with when it was added and retired.</summary>
    public IReadOnlyList<KeyHistoryEntry> KeyHistory()
    {
        using var connection = SqliteDatabase.Open(Path, create: false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT vkey, added_at, retired_at FROM log_keys ORDER BY id";
        var keys = new List<KeyHistoryEntry>();
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            var key = VerifierKey.Parse(rows.GetString(0));
            keys.Add(new KeyHistoryEntry(
                key.IsSuccess ? key.Value : throw new InvalidDataException($"log_keys holds a bad verifier key: {key.Error}"),
                Time(rows.GetString(1)),
                rows.IsDBNull(2) ? null : Time(rows.GetString(2))));
        }

        return keys;
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
