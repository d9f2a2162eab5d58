using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ResetTrail.Accounts.OneTimeCodes;

/// <summary>RFC 4226 HOTP with HMAC-SHA1: the code for a counter value (§5.3 dynamic truncation).</summary>
public static class Hotp
{
    public static int Code(ReadOnlySpan<byte> key, long counter, int digits = 6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 9);
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
        // RFC 4226 and every authenticator app use HMAC-SHA1; HMAC's security does not rest on SHA-1's collision resistance.
#pragma warning disable CA5350
        HMACSHA1.HashData(key, message, mac);
#pragma warning restore CA5350
        var offset = mac[^1] & 0x0F;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(mac[offset..]) & 0x7FFFFFFF);
        return binary % Modulus(digits);
    }

    public static string Format(int code, int digits = 6) => code.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');

    private static int Modulus(int digits)
    {
        var modulus = 1;
        for (var i = 0; i < digits; i++)
        {
            modulus *= 10;
        }

        return modulus;
    }
}
