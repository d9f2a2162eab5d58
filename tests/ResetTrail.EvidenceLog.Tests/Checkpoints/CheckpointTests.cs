using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Notes;

namespace ResetTrail.EvidenceLog.Tests.Checkpoints;

public sealed class CheckpointTests
{
    private const string Root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

    [Fact]
    public void A_checkpoint_round_trips_through_its_note_text()
    {
        var checkpoint = new Checkpoint("example.com/log", 20852163, Convert.FromBase64String(Root)) { Extensions = ["first extension", "second"] };

        var text = checkpoint.ToNoteText();
        var parsed = Checkpoint.ParseText(text);

        Assert.Equal($"example.com/log\n20852163\n{Root}\nfirst extension\nsecond\n", text);
        Assert.True(parsed.IsSuccess, parsed.Error);
        Assert.Equal(checkpoint.Origin, parsed.Value.Origin);
        Assert.Equal(checkpoint.Size, parsed.Value.Size);
        Assert.Equal(checkpoint.RootHash, parsed.Value.RootHash);
        Assert.Equal(checkpoint.Extensions, parsed.Value.Extensions);
        Assert.Equal(text, parsed.Value.ToNoteText());
    }

    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("1", 1UL)]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    public void Sizes_are_plain_decimals(string size, ulong expected)
    {
        var parsed = Checkpoint.ParseText($"o\n{size}\n{Root}\n");

        Assert.True(parsed.IsSuccess, parsed.Error);
        Assert.Equal(expected, parsed.Value.Size);
    }

    [Theory]
    [InlineData("o\n007\n" + Root + "\n", "leading zeroes")]
    [InlineData("o\n00\n" + Root + "\n", "leading zeroes")]
    [InlineData("o\n+5\n" + Root + "\n", "leading zeroes")]
    [InlineData("o\n 5\n" + Root + "\n", "leading zeroes")]
    [InlineData("o\n-1\n" + Root + "\n", "leading zeroes")]
    [InlineData("o\n\n" + Root + "\n", "leading zeroes")]
    [InlineData("o\n18446744073709551616\n" + Root + "\n", "leading zeroes")]
    [InlineData("o\n5\n", "needs an origin, a size and a root")]
    [InlineData("o\n", "needs an origin, a size and a root")]
    [InlineData("o\n5\n" + Root, "end with a newline")]
    [InlineData("\n5\n" + Root + "\n", "origin is empty")]
    [InlineData("o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n", "31 bytes")]
    [InlineData("o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2IA\n", "33 bytes")]
    [InlineData("o\n5\n\n", "0 bytes")]
    [InlineData("o\n5\nnot base64!\n", "base64")]
    [InlineData("o\n5\n" + Root + "\n\n", "extension lines must not be empty")]
    [InlineData("o\n5\n" + Root + "\nextension\n\nmore\n", "extension lines must not be empty")]
    public void A_malformed_checkpoint_is_rejected(string text, string reason)
    {
        var parsed = Checkpoint.ParseText(text);

        Assert.False(parsed.IsSuccess);
        Assert.Contains(reason, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signed_checkpoint_opens_only_for_its_origin_and_key()
    {
        using var log = NoteSigner.Generate("example.com/log");
        using var other = NoteSigner.Generate("example.com/log");
        var signed = new Checkpoint("example.com/log", 3, Convert.FromBase64String(Root)).Sign(log);

        Assert.True(Checkpoint.Open(signed, "example.com/log", [log.Verifier]).IsSuccess);
        Assert.False(Checkpoint.Open(signed, "example.com/other", [log.Verifier]).IsSuccess);
        Assert.False(Checkpoint.Open(signed, "example.com/log", [other.Verifier]).IsSuccess);
    }

    [Theory]
    [InlineData("tlog-checkpoint-example.checkpoint", 1)]
    [InlineData("tlog-cosignature-example.checkpoint", 2)]
    public void The_c2sp_example_checkpoints_parse_as_notes(string file, int signatures)
    {
        var note = SignedNote.Parse(TestDataFiles.ReadText("c2sp", "examples", file));
        Assert.True(note.IsSuccess, note.Error);
        Assert.Equal(signatures, note.Value.Signatures.Count);
        Assert.Equal("example.com/behind-the-sofa", note.Value.Signatures[0].Name);

        var checkpoint = Checkpoint.ParseText(note.Value.Text);

        Assert.True(checkpoint.IsSuccess, checkpoint.Error);
        Assert.Equal("example.com/behind-the-sofa", checkpoint.Value.Origin);
        Assert.Equal(20852163UL, checkpoint.Value.Size);
        Assert.Equal(Root, Convert.ToBase64String(checkpoint.Value.RootHash));
    }
}
