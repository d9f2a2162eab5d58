using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Notes;

namespace ResetTrail.EvidenceLog.Tests;

public sealed class StrictBase64Tests
{
    [Theory]
    [InlineData("AAAA")]
    [InlineData("")]
    public void Plain_base64_decodes(string text) => Assert.True(StrictBase64.TryDecode(text, out _));

    [Theory]
    [InlineData("AA AA")]
    [InlineData("AAAA\n")]
    [InlineData("AA\tAA")]
    [InlineData("AAA")]
    [InlineData("A!AA")]
    public void Whitespace_inside_and_bad_padding_are_refused(string text) => Assert.False(StrictBase64.TryDecode(text, out _));

    [Fact]
    public void A_checkpoint_root_with_a_space_inside_is_refused()
    {
        var root = Convert.ToBase64String(Rfc6962.EmptyRoot);

        Assert.True(Checkpoint.ParseText($"o.example/log\n0\n{root}\n").IsSuccess);
        Assert.False(Checkpoint.ParseText($"o.example/log\n0\n{root[..10]} {root[10..]}\n").IsSuccess);
    }

    [Fact]
    public void A_verifier_key_with_a_space_inside_is_refused()
    {
        const string vkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

        Assert.True(VerifierKey.Parse(vkey).IsSuccess);
        Assert.False(VerifierKey.Parse(vkey.Insert(30, " ")).IsSuccess);
    }

    [Fact]
    public void An_empty_tree_root_is_refused_for_an_empty_subtree_too()
    {
        Assert.True(ProofVerifier.VerifySubtreeConsistency(0, 0, 5, [], Rfc6962.EmptyRoot, new byte[32]).IsValid);
        Assert.False(ProofVerifier.VerifySubtreeConsistency(0, 0, 5, [], Rfc6962.EmptyRoot, []).IsValid);
    }
}
