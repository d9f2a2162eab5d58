namespace ResetTrail.EvidenceLog;

/// <summary>
/// Standard base64 (RFC 4648 §4) as the C2SP formats use it, strictly: Convert would skip spaces and
/// line breaks inside the text, which would let two different texts carry the same value.
/// </summary>
internal static class StrictBase64
{
    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }
}
