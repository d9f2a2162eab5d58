using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ResetTrail.EvidenceLog.Notes;

namespace ResetTrail.EvidenceLog.Tests.Notes;

public sealed class VerifierKeyTests
{
    private const string Peter = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

    public static TheoryData<string> KnownKeys()
    {
        var c2spExample = TestDataFiles.ReadText("c2sp", "examples", "signed-note-example.vkey").TrimEnd('\n');
        return new TheoryData<string>(SignedNoteVector.Load().SelectMany(v => v.AllVerifierKeys).Append(c2spExample).Distinct());
    }

    [Theory]
    [MemberData(nameof(KnownKeys))]
    public void Parse_and_ToString_round_trip(string text)
    {
        var key = VerifierKey.Parse(text);

        Assert.True(key.IsSuccess, key.Error);
        Assert.Equal(text, key.Value.ToString());
    }

    [Theory]
    [MemberData(nameof(KnownKeys))]
    public void The_key_ID_is_the_first_four_bytes_of_SHA256_over_name_newline_type_and_key(string text)
    {
        // Names hold no '+', but base64 may (sum.golang.org's key does).
        var parts = text.Split('+', 3);
        var material = Convert.FromBase64String(parts[2]);
        var expected = BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData([.. Encoding.UTF8.GetBytes(parts[0]), 0x0A, .. material]));

        var key = VerifierKey.Parse(text).Value;

        Assert.Equal(expected, key.KeyId);
        Assert.Equal(uint.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture), key.KeyId);
        Assert.Equal(text, VerifierKey.FromPublicKey(parts[0], material.AsSpan(1)).ToString());
    }

    [Fact]
    public void A_key_of_another_signature_type_is_rejected()
    {
        var publicKey = Convert.FromBase64String(Peter.Split('+')[2])[1..];
        byte[] material = [0x02, .. publicKey];
        var id = BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData([.. "PeterNeumann"u8, 0x0A, .. material]));

        var key = VerifierKey.Parse($"PeterNeumann+{id:x8}+{Convert.ToBase64String(material)}");

        Assert.False(key.IsSuccess);
        Assert.Contains("Ed25519", key.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T!", "base64")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW+", "base64")]
    [InlineData("PeterNeumann+c74f20a3", "three parts")]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "does not match")]
    [InlineData("PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "8 hex digits")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy", "Ed25519")]
    [InlineData("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "name")]
    [InlineData("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "name")]
    public void A_malformed_key_is_rejected(string text, string reason)
    {
        var key = VerifierKey.Parse(text);

        Assert.False(key.IsSuccess);
        Assert.Contains(reason, key.Error, StringComparison.Ordinal);
    }
}
