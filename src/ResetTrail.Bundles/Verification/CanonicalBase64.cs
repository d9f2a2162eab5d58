namespace ResetTrail.Bundles.Verification;

/// <summary>
/// Standard base64 with one spelling per value: decoders skip whitespace and ignore the unused bits of the last
/// character, so "AQ==" and "AR==" carry the same byte. A bundle accepts only the spelling the encoder writes.
/// </summary>
internal static class CanonicalBase64
{
    public static byte[]? TryDecode(string text)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }

        return string.Equals(Convert.ToBase64String(bytes), text, StringComparison.Ordinal) ? bytes : null;
    }
}
