using System.Security.Cryptography;
using System.Text;

namespace ResetTrail.Accounts.OneTimeCodes;

/// <summary>
/// RFC 6238 TOTP: HOTP over the number of 30-second steps since the Unix epoch, 6 digits, HMAC-SHA1 (what every
/// authenticator app does by default). A code is accepted for the current step and one step either side (§5.2 allows
/// for clock drift and slow typing); the matching step is returned so the caller can refuse its reuse (§5.2: "the
/// verifier MUST NOT accept the second attempt of the same OTP").
/// </summary>
public static class Totp
{
    public const int Digits = 6;
    public const int StepSeconds = 30;
    public const int AcceptedDrift = 1;

    public static long StepAt(DateTimeOffset time) => Math.DivRem(time.ToUnixTimeSeconds(), StepSeconds).Quotient;

    public static string CodeAt(TotpSecret secret, DateTimeOffset time, int digits = Digits)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Hotp.Format(Hotp.Code(secret.Key, StepAt(time), digits), digits);
    }

    /// <summary>
    /// The step the code belongs to (current ±1) if it is right and later than <paramref name="lastUsedStep"/>;
    /// null otherwise. Every candidate step is compared, in constant time, so timing says nothing about which matched.
    /// </summary>
    public static long? Verify(TotpSecret secret, string? code, DateTimeOffset now, long? lastUsedStep)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var typed = (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (typed.Length != Digits || !typed.All(char.IsAsciiDigit))
        {
            return null;
        }

        var current = StepAt(now);
        long? matched = null;
        var typedBytes = Encoding.ASCII.GetBytes(typed);
        for (var step = current - AcceptedDrift; step <= current + AcceptedDrift; step++)
        {
            var expected = Encoding.ASCII.GetBytes(Hotp.Format(Hotp.Code(secret.Key, step, Digits), Digits));
            if (CryptographicOperations.FixedTimeEquals(expected, typedBytes) && matched is null)
            {
                matched = step;
            }
        }

        return matched is { } found && (lastUsedStep is null || found > lastUsedStep) ? found : null;
    }
}
