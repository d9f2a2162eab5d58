using System.Security.Cryptography;
using System.Text;

namespace ResetTrail.Server.Ingest;

/// <summary>Constant-time checks of what senders prove they know.</summary>
internal static class SharedSecrets
{
    public static bool Matches(string? presented, string expected)
    {
        if (presented is null)
        {
            return false;
        }

        // Hash both sides first so the comparison takes the same time whatever the lengths.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    /// <summary>Whether <paramref name="header"/> is <c>sha256=HEX</c> of HMAC-SHA256(<paramref name="secret"/>, <paramref name="body"/>).</summary>
    public static bool SignatureMatches(string? header, string secret, byte[] body)
    {
        const string Prefix = "sha256=";
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + 64)
        {
            return false;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(header.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
