namespace ResetTrail.Accounts.OneTimeCodes;

/// <summary>
/// The otpauth:// provisioning URI authenticator apps read from a QR code or a link (Google Authenticator's "Key Uri
/// Format"): otpauth://totp/ISSUER:LOGIN?secret=BASE32&amp;issuer=ISSUER&amp;algorithm=SHA1&amp;digits=6&amp;period=30.
/// </summary>
public static class OtpAuthUri
{
    public static string For(TotpSecret secret, string issuer, string login)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(login);
        var label = Uri.EscapeDataString(issuer) + ":" + Uri.EscapeDataString(login);
        return $"otpauth://totp/{label}?secret={secret.Base32Text}&issuer={Uri.EscapeDataString(issuer)}"
            + $"&algorithm=SHA1&digits={Totp.Digits}&period={Totp.StepSeconds}";
    }
}
