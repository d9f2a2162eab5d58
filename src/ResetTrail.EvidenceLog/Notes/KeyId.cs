using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ResetTrail.EvidenceLog.Notes;

/// <summary>C2SP signed-note key IDs: SHA-256(key name ‖ 0x0A ‖ signature type ‖ public key)[:4], big-endian.</summary>
internal static class KeyId
{
    public const byte Ed25519Type = 0x01;

    public static uint Compute(string name, byte signatureType, ReadOnlySpan<byte> publicKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = 0x0A;
        input[nameBytes.Length + 1] = signatureType;
        publicKey.CopyTo(input.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    /// <summary>Key names must be non-empty and hold no Unicode space and no plus sign.</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && !name.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c));
}
