using System.Text;
using ResetTrail.Accounts.OneTimeCodes;

namespace ResetTrail.Accounts.Tests.OneTimeCodes;

public sealed class Base32Tests
{
    // RFC 4648 §10 test vectors.
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY======")]
    [InlineData("fo", "MZXQ====")]
    [InlineData("foo", "MZXW6===")]
    [InlineData("foob", "MZXW6YQ=")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI======")]
    public void Encodes_and_decodes_the_rfc_4648_vectors(string text, string base32)
    {
        Assert.Equal(base32, Base32.Encode(Encoding.ASCII.GetBytes(text), pad: true));
        Assert.Equal(base32.TrimEnd('='), Base32.Encode(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(text, Encoding.ASCII.GetString(Base32.TryDecode(base32)!));
        Assert.Equal(text, Encoding.ASCII.GetString(Base32.TryDecode(base32.TrimEnd('=').ToLowerInvariant())!));
    }

    [Theory]
    [InlineData("MZXW6YT1")] // '1' is not in the alphabet
    [InlineData("M")] // 5 bits: not a byte
    [InlineData("MZ=XW")] // data after padding
    [InlineData("MZ")] // 'Z' leaves non-zero trailing bits
    public void Refuses_text_that_is_not_base32(string text) => Assert.Null(Base32.TryDecode(text));

    [Fact]
    public void Accepts_secrets_typed_in_groups() =>
        Assert.Equal("foobar", Encoding.ASCII.GetString(Base32.TryDecode("mzxw 6ytb oi")!));
}
