using System.Text;
using ResetTrail.Accounts.OneTimeCodes;

namespace ResetTrail.Accounts.Tests.OneTimeCodes;

public sealed class HotpTests
{
    private static readonly byte[] Rfc4226Secret = Encoding.ASCII.GetBytes("12345678901234567890");

    // RFC 4226 Appendix D.
    [Theory]
    [InlineData(0, "755224")]
    [InlineData(1, "287082")]
    [InlineData(2, "359152")]
    [InlineData(3, "969429")]
    [InlineData(4, "338314")]
    [InlineData(5, "254676")]
    [InlineData(6, "287922")]
    [InlineData(7, "162583")]
    [InlineData(8, "399871")]
    [InlineData(9, "520489")]
    public void Matches_rfc_4226_appendix_d(long counter, string expected) =>
        Assert.Equal(expected, Hotp.Format(Hotp.Code(Rfc4226Secret, counter)));
}
