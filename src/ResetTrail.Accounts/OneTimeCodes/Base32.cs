using System.Text;

namespace ResetTrail.Accounts.OneTimeCodes;

/// <summary>
/// RFC 4648 §6 base32 (alphabet A–Z 2–7). Encoding pads with '=' only when asked: authenticator apps take the
/// secret without padding. Decoding accepts lower case, missing padding and spaces (people type secrets in groups).
/// </summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> data, bool pad = false)
    {
        var text = new StringBuilder(((data.Length + 4) / 5) * 8);
        var buffer = 0;
        var bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        if (pad)
        {
            text.Append('=', (8 - (text.Length % 8)) % 8);
        }

        return text.ToString();
    }

    /// <summary>The bytes, or null when the text holds a character outside the alphabet or impossible trailing bits.</summary>
    public static byte[]? TryDecode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new List<byte>((text.Length * 5) / 8);
        var buffer = 0;
        var bits = 0;
        var padding = false;
        foreach (var c in text)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (c == '=')
            {
                padding = true;
                continue;
            }

            var value = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0 || padding)
            {
                return null;
            }

            buffer = ((buffer << 5) | value) & 0xFFF;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        // RFC 4648 §3.5: leftover bits must be zero; 5 or more leftover bits means a character too many.
        return bits >= 5 || (buffer & ((1 << bits) - 1)) != 0 ? null : [.. output];
    }
}
