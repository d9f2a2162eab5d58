using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.Storage.Sqlite.EvidenceLog;

namespace ResetTrail.Storage.Sqlite.Tests.EvidenceLog;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SigningKeyTests
{
    [Fact]
    public void The_key_file_is_readable_by_its_owner_only()
    {
        using var fixture = new LogFixture();

        var mode = File.GetUnixFileMode(fixture.KeyPath);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.StartsWith("PRIVATE+KEY+test.example/resettrail+", File.ReadAllText(fixture.KeyPath), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_others_can_read_is_refused_with_the_fix()
    {
        using var fixture = new LogFixture();
        File.SetUnixFileMode(fixture.KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var opened = SqliteEvidenceLog.Open(fixture.Database, fixture.KeyPath, fixture.Time);

        Assert.False(opened.IsSuccess);
        Assert.Contains("chmod 600", opened.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_log_key_is_refused()
    {
        using var fixture = new LogFixture();
        var other = fixture.Path("other.key");
        using (var signer = NoteSigner.Generate(LogFixture.Origin))
        {
            SigningKeyFile.Write(other, signer);
        }

        var opened = SqliteEvidenceLog.Open(fixture.Database, other, fixture.Time);

        Assert.Contains("not the log's current signing key", opened.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Initialising_twice_is_refused_and_keeps_the_log()
    {
        using var fixture = new LogFixture();
        fixture.AppendEntries(3, 3);

        var again = SqliteEvidenceLog.Initialize(fixture.Database, "other.example/log", fixture.Path("x.key"), fixture.Time);

        Assert.Contains("already holds a log", again.Error, StringComparison.Ordinal);
        Assert.Equal(3UL, fixture.Log.LatestCheckpoint().Size);
    }

    [Fact]
    public void After_rotation_old_checkpoints_still_verify_and_new_ones_use_the_new_key()
    {
        using var fixture = new LogFixture();
        fixture.AppendEntries(10, 5);
        var oldKey = fixture.Log.Verifier;

        var newKey = fixture.Log.RotateKey(fixture.Path("new.key"));
        using var rotated = SqliteEvidenceLog.Open(fixture.Database, fixture.Path("new.key"), fixture.Time).Value;
        rotated.Append([LogFixture.Entry(10)]);

        Assert.True(Checkpoint.Open(rotated.CheckpointAt(5).Value.SignedNote, LogFixture.Origin, [oldKey]).IsSuccess);
        var handover = rotated.CheckpointAt(10).Value.SignedNote;
        Assert.True(Checkpoint.Open(handover, LogFixture.Origin, [oldKey]).IsSuccess);
        Assert.True(Checkpoint.Open(handover, LogFixture.Origin, [newKey]).IsSuccess);
        Assert.False(Checkpoint.Open(rotated.LatestCheckpoint().SignedNote, LogFixture.Origin, [oldKey]).IsSuccess);
        Assert.Equal([oldKey.ToString(), newKey.ToString()], rotated.AllVerifiers().Select(k => k.ToString()));
        var audit = rotated.Audit([oldKey, newKey]);
        Assert.True(audit.IsIntact, audit.Problem);
        Assert.False(SqliteEvidenceLog.Open(fixture.Database, fixture.KeyPath, fixture.Time).IsSuccess);
    }

    [Fact]
    public void The_signer_never_shows_its_secret()
    {
        using var signer = NoteSigner.Generate("k.example/x");

        Assert.DoesNotContain(signer.ExportPrivateKey().Split('+', 5)[^1], signer.ToString(), StringComparison.Ordinal);
    }
}
