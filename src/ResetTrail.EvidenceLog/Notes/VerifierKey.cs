using System.Globalization;
using NSec.Cryptography;

namespace ResetTrail.EvidenceLog.Notes;

/// <summary>
/// A note verifier key in the C2SP form <c>name+hex(key ID)+base64(0x01 ‖ Ed25519 public key)</c>.
/// Only Ed25519 (type 0x01) is supported: one algorithm, chosen once (signed-note: "implementations
/// SHOULD select only the one(s) required").
/// </summary>
public sealed class VerifierKey
{
    private readonly PublicKey publicKey;

    private VerifierKey(string name, uint keyId, byte[] publicKeyBytes)
    {
        Name = name;
        KeyId = keyId;
        PublicKeyBytes = publicKeyBytes;
        publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, publicKeyBytes, KeyBlobFormat.RawPublicKey);
    }

    public string Name { get; }

    public uint KeyId { get; }

    public IReadOnlyList<byte> PublicKeyBytes { get; }

    public static VerifierKey FromPublicKey(string name, ReadOnlySpan<byte> ed25519PublicKey)
    {
        if (!Notes.KeyId.IsValidName(name))
        {
            throw new ArgumentException($"key name '{name}' must be non-empty with no spaces or '+'", nameof(name));
        }

        return new VerifierKey(name, Notes.KeyId.Compute(name, Notes.KeyId.Ed25519Type, ed25519PublicKey), ed25519PublicKey.ToArray());
    }

    public static Result<VerifierKey> Parse(string text)
    {
        // Names hold no '+', but base64 may: split at the first two only.
        var parts = text.Trim().Split('+', 3);
        if (parts.Length != 3)
        {
            return Result<VerifierKey>.Fail("a verifier key has three parts separated by '+': name+keyid+base64key");
        }

        var (name, hexId, encoded) = (parts[0], parts[1], parts[2]);
        if (!Notes.KeyId.IsValidName(name))
        {
            return Result<VerifierKey>.Fail($"verifier key name '{name}' is empty or holds a space");
        }

        if (hexId.Length != 8 || !uint.TryParse(hexId, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
        {
            return Result<VerifierKey>.Fail($"verifier key ID '{hexId}' is not 8 hex digits");
        }

        if (!StrictBase64.TryDecode(encoded, out var material))
        {
            return Result<VerifierKey>.Fail("verifier key material is not valid base64");
        }

        if (material.Length != 33 || material[0] != Notes.KeyId.Ed25519Type)
        {
            return Result<VerifierKey>.Fail("verifier key is not an Ed25519 key (type 0x01 and 32 bytes)");
        }

        var key = material[1..];
        if (Notes.KeyId.Compute(name, Notes.KeyId.Ed25519Type, key) != id)
        {
            return Result<VerifierKey>.Fail($"verifier key ID {hexId} does not match its name and key");
        }

        return new VerifierKey(name, id, key);
    }

    internal bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureAlgorithm.Ed25519.SignatureSize
        && SignatureAlgorithm.Ed25519.Verify(publicKey, message, signature);

    public override string ToString() =>
        $"{Name}+{KeyId:x8}+{Convert.ToBase64String([Notes.KeyId.Ed25519Type, .. PublicKeyBytes])}";
}
