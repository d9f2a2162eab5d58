using System.Security.Cryptography;

namespace ResetTrail.Accounts.OneTimeCodes;

/// <summary>
/// A TOTP shared secret: 20 random bytes (RFC 4226 §4 recommends 160 bits for HMAC-SHA1). Its ToString is redacted
/// so a log line or exception message that names it by accident shows nothing.
/// </summary>
public sealed class TotpSecret
{
    public const int Length = 20;

    private readonly byte[] key;

    public TotpSecret(ReadOnlySpan<byte> key)
    {
        if (key.Length < 16)
        {
            throw new ArgumentException("a TOTP secret has at least 128 bits", nameof(key));
        }

        this.key = key.ToArray();
    }

    public ReadOnlySpan<byte> Key => key;

    /// <summary>The secret as people and authenticator apps see it: RFC 4648 base32 without padding.</summary>
    public string Base32Text => OneTimeCodes.Base32.Encode(key);

    public static TotpSecret Generate() => new(RandomNumberGenerator.GetBytes(Length));

    public static TotpSecret? FromBase32(string text) => OneTimeCodes.Base32.TryDecode(text) is { Length: >= 16 } bytes ? new TotpSecret(bytes) : null;

    public override string ToString() => "TotpSecret(redacted)";
}
