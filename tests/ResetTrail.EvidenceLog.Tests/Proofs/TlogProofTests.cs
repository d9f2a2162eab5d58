using ResetTrail.EvidenceLog.Proofs;

namespace ResetTrail.EvidenceLog.Tests.Proofs;

public sealed class TlogProofTests
{
    private const string SignedCheckpoint =
        "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
        + "— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";

    private const string Hash1 = "gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=";
    private const string Hash2 = "B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=";

    public static TheoryData<byte[]?, int> Shapes() => new()
    {
        { null, 2 },
        { "opaque extra data"u8.ToArray(), 2 },
        { [], 2 },
        { null, 0 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_proof_round_trips_through_its_text(byte[]? extra, int hashes)
    {
        var proof = new TlogProof(73894, [.. new[] { Hash1, Hash2 }.Take(hashes).Select(Convert.FromBase64String)], SignedCheckpoint) { Extra = extra };

        var text = proof.Format();
        var parsed = TlogProof.Parse(text);

        Assert.True(parsed.IsSuccess, parsed.Error);
        Assert.Equal(proof.Index, parsed.Value.Index);
        Assert.Equal(proof.InclusionProof, parsed.Value.InclusionProof);
        Assert.Equal(proof.SignedCheckpoint, parsed.Value.SignedCheckpoint);
        Assert.Equal(proof.Extra, parsed.Value.Extra);
        Assert.Equal(text, parsed.Value.Format());
    }

    [Fact]
    public void The_text_follows_the_c2sp_layout()
    {
        var proof = new TlogProof(73894, [Convert.FromBase64String(Hash1)], SignedCheckpoint) { Extra = "x"u8.ToArray() };

        Assert.Equal($"c2sp.org/tlog-proof@v1\nextra eA==\nindex 73894\n{Hash1}\n\n{SignedCheckpoint}", proof.Format());
    }

    [Theory]
    [InlineData("c2sp.org/tlog-proof@v2\nindex 1\n\n" + SignedCheckpoint, "starts with the line")]
    [InlineData("C2SP.org/tlog-proof@v1\nindex 1\n\n" + SignedCheckpoint, "starts with the line")]
    [InlineData("", "starts with the line")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 01\n\n" + SignedCheckpoint, "leading zeroes")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex \n\n" + SignedCheckpoint, "leading zeroes")]
    [InlineData("c2sp.org/tlog-proof@v1\n" + Hash1 + "\n\n" + SignedCheckpoint, "expected 'index N'")]
    [InlineData("c2sp.org/tlog-proof@v1\nextra !!\nindex 1\n\n" + SignedCheckpoint, "extra data is not valid base64")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 1\nAAAA\n\n" + SignedCheckpoint, "not a base64 SHA-256 hash")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 1\n" + Hash1 + "\n", "no checkpoint")]
    public void A_malformed_proof_is_rejected(string text, string reason)
    {
        var parsed = TlogProof.Parse(text);

        Assert.False(parsed.IsSuccess);
        Assert.Contains(reason, parsed.Error, StringComparison.Ordinal);
    }
}
