namespace ResetTrail.Storage.Sqlite.Tests.EvidenceLog;

/// <summary>Someone with write access to the database file edits it; the audit must name where.</summary>
public sealed class TamperDetectionTests
{
    private static LogFixture LogWith(int entries, int batch = 10)
    {
        var fixture = new LogFixture();
        fixture.AppendEntries(entries, batch);
        return fixture;
    }

    [Fact]
    public void An_untouched_log_verifies()
    {
        using var fixture = LogWith(700, 33);

        var report = fixture.Log.Audit();

        Assert.True(report.IsIntact, report.Problem);
        Assert.Equal(700UL, report.EntriesChecked);
        Assert.Equal(1 + 22, report.CheckpointsChecked);
    }

    [Fact]
    public void An_edited_entry_is_named()
    {
        using var fixture = LogWith(300);
        fixture.Tamper("UPDATE log_entries SET entry = CAST('{\"entry\":\"forged\"}' AS BLOB) WHERE idx = 257");

        var report = fixture.Log.Audit();

        Assert.False(report.IsIntact);
        Assert.Equal(257UL, report.FirstBadIndex);
    }

    [Fact]
    public void A_deleted_entry_is_named()
    {
        using var fixture = LogWith(40);
        fixture.Tamper("DELETE FROM log_entries WHERE idx = 13");

        var report = fixture.Log.Audit();

        Assert.Equal(13UL, report.FirstBadIndex);
        Assert.Contains("missing", report.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_last_entry_is_named()
    {
        using var fixture = LogWith(40);
        fixture.Tamper("DELETE FROM log_entries WHERE idx = 39");

        Assert.Equal(39UL, fixture.Log.Audit().FirstBadIndex);
    }

    [Fact]
    public void An_inserted_entry_past_the_end_is_named()
    {
        using var fixture = LogWith(40);
        fixture.Tamper("INSERT INTO log_entries (idx, entry) VALUES (40, CAST('{\"entry\":\"slipped in\"}' AS BLOB))");

        var report = fixture.Log.Audit();

        Assert.Equal(40UL, report.FirstBadIndex);
        Assert.Contains("not covered by any signed checkpoint", report.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_inserted_in_the_middle_by_renumbering_is_named()
    {
        using var fixture = LogWith(40);
        fixture.Tamper("""
            UPDATE log_entries SET idx = -idx - 1 WHERE idx >= 20;
            UPDATE log_entries SET idx = -idx WHERE idx < 0;
            INSERT INTO log_entries (idx, entry) VALUES (20, CAST('{"entry":"slipped in"}' AS BLOB));
            """);

        Assert.Equal(20UL, fixture.Log.Audit().FirstBadIndex);
    }

    [Fact]
    public void Reordered_entries_are_named()
    {
        using var fixture = LogWith(40);
        fixture.Tamper("""
            UPDATE log_entries SET idx = -1 WHERE idx = 11;
            UPDATE log_entries SET idx = 11 WHERE idx = 29;
            UPDATE log_entries SET idx = 29 WHERE idx = -1;
            """);

        Assert.Equal(11UL, fixture.Log.Audit().FirstBadIndex);
    }

    [Fact]
    public void An_edit_with_rewritten_hashes_is_caught_by_the_signed_root()
    {
        using var fixture = LogWith(30);
        // Recompute the level-0 tile for the forged entry, as a careful attacker would.
        fixture.Tamper("UPDATE log_entries SET entry = CAST('{\"entry\":\"forged\"}' AS BLOB) WHERE idx = 25");
        var forged = ResetTrail.EvidenceLog.Merkle.Rfc6962.HashLeaf("{\"entry\":\"forged\"}"u8);
        fixture.Tamper($"UPDATE log_tiles SET hashes = CAST(substr(hashes, 1, 25 * 32) || x'{Convert.ToHexString(forged)}' || substr(hashes, 26 * 32 + 1) AS BLOB) WHERE level = 0 AND idx = 0");

        var report = fixture.Log.Audit();

        Assert.False(report.IsIntact);
        Assert.Equal(20UL, report.FirstBadIndex);
        Assert.Contains("signed root", report.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_hash_tile_is_reported_not_thrown()
    {
        using var fixture = LogWith(30);
        fixture.Tamper("DELETE FROM log_tiles");

        var report = fixture.Log.Audit();

        Assert.Equal(0UL, report.FirstBadIndex);
        Assert.Contains("missing", report.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forged_checkpoint_signature_is_refused()
    {
        using var fixture = LogWith(30);
        fixture.Tamper("UPDATE log_checkpoints SET note = replace(note, char(10) || '30' || char(10), char(10) || '31' || char(10)) WHERE size = 30");

        var report = fixture.Log.Audit();

        Assert.False(report.IsIntact);
        Assert.Contains("checkpoint at size 30", report.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_for_missing_entries_is_refused()
    {
        using var fixture = LogWith(30);
        fixture.Tamper("DELETE FROM log_entries WHERE idx >= 20");

        Assert.Equal(20UL, fixture.Log.Audit().FirstBadIndex);
    }

    [Fact]
    public void A_note_signed_by_an_unpinned_key_is_refused_when_keys_are_pinned()
    {
        using var fixture = LogWith(5);
        using var stranger = ResetTrail.EvidenceLog.Notes.NoteSigner.Generate(LogFixture.Origin);

        var report = fixture.Log.Audit([stranger.Verifier]);

        Assert.False(report.IsIntact);
        Assert.Contains("no signature from a known key", report.Problem, StringComparison.Ordinal);
    }
}
