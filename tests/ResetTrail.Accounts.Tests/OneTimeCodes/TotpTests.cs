using System.Text;
using ResetTrail.Accounts.OneTimeCodes;

namespace ResetTrail.Accounts.Tests.OneTimeCodes;

public sealed class TotpTests
{
    private static readonly TotpSecret Rfc6238Secret = new(Encoding.ASCII.GetBytes("12345678901234567890"));
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_015);

    // RFC 6238 Appendix B, the SHA1 rows (8 digits there; our sign-in uses 6, the algorithm is the same).
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Matches_rfc_6238_appendix_b(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.CodeAt(Rfc6238Secret, DateTimeOffset.FromUnixTimeSeconds(unixSeconds), digits: 8));

    [Fact]
    public void Six_digit_codes_are_the_last_six_of_the_eight_digit_ones() =>
        Assert.Equal("287082", Totp.CodeAt(Rfc6238Secret, DateTimeOffset.FromUnixTimeSeconds(59)));

    [Theory]
    [InlineData(-30)]
    [InlineData(0)]
    [InlineData(30)]
    public void A_code_from_one_step_either_side_is_accepted(int offsetSeconds)
    {
        var code = Totp.CodeAt(Rfc6238Secret, Now.AddSeconds(offsetSeconds));

        Assert.Equal(Totp.StepAt(Now.AddSeconds(offsetSeconds)), Totp.Verify(Rfc6238Secret, code, Now, lastUsedStep: null));
    }

    [Theory]
    [InlineData(-60)]
    [InlineData(60)]
    public void A_code_two_steps_away_is_refused(int offsetSeconds) =>
        Assert.Null(Totp.Verify(Rfc6238Secret, Totp.CodeAt(Rfc6238Secret, Now.AddSeconds(offsetSeconds)), Now, lastUsedStep: null));

    [Fact]
    public void A_code_whose_step_was_already_used_is_refused()
    {
        var code = Totp.CodeAt(Rfc6238Secret, Now);
        var step = Totp.Verify(Rfc6238Secret, code, Now, lastUsedStep: null);

        Assert.NotNull(step);
        Assert.Null(Totp.Verify(Rfc6238Secret, code, Now, lastUsedStep: step));
        Assert.Null(Totp.Verify(Rfc6238Secret, Totp.CodeAt(Rfc6238Secret, Now.AddSeconds(-30)), Now, lastUsedStep: step));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void Malformed_codes_are_refused(string? code) => Assert.Null(Totp.Verify(Rfc6238Secret, code, Now, lastUsedStep: null));

    [Fact]
    public void Provisioning_uri_names_issuer_login_and_parameters()
    {
        var secret = TotpSecret.FromBase32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")!;

        Assert.Equal(
            "otpauth://totp/ResetTrail:alice%40corp.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ResetTrail&algorithm=SHA1&digits=6&period=30",
            OtpAuthUri.For(secret, "ResetTrail", "alice@corp.example"));
    }

    [Fact]
    public void A_secret_never_shows_itself_in_text()
    {
        var secret = TotpSecret.Generate();

        Assert.Equal(20, secret.Key.Length);
        Assert.DoesNotContain(secret.Base32Text, secret.ToString(), StringComparison.Ordinal);
    }
}
