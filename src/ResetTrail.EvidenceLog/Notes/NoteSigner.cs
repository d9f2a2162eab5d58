using System.Buffers.Binary;
using System.Globalization;
using NSec.Cryptography;

namespace ResetTrail.EvidenceLog.Notes;

/// <summary>
/// An Ed25519 note signer. Its text form is the one Go's golang.org/x/mod/sumdb/note reads,
/// <c>PRIVATE+KEY+name+hex(key ID)+base64(0x01 ‖ 32-byte seed)</c>, so a key can move between tools.
/// <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed class NoteSigner : IDisposable
{
    private const string PrivateKeyPrefix = "PRIVATE+KEY+";
    private readonly Key key;

    private NoteSigner(string name, Key key)
    {
        Name = name;
        this.key = key;
        Verifier = VerifierKey.FromPublicKey(name, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public string Name { get; }

    public VerifierKey Verifier { get; }

    public uint KeyId => Verifier.KeyId;

    public static NoteSigner Generate(string name)
    {
        if (!Notes.KeyId.IsValidName(name))
        {
            throw new ArgumentException($"key name '{name}' must be non-empty with no spaces or '+'", nameof(name));
        }

        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        return new NoteSigner(name, Key.Create(SignatureAlgorithm.Ed25519, parameters));
    }

    public static Result<NoteSigner> Parse(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith(PrivateKeyPrefix, StringComparison.Ordinal))
        {
            return Result<NoteSigner>.Fail("a signing key starts with PRIVATE+KEY+");
        }

        var parts = trimmed[PrivateKeyPrefix.Length..].Split('+', 3);
        if (parts.Length != 3 || !Notes.KeyId.IsValidName(parts[0]))
        {
            return Result<NoteSigner>.Fail("a signing key reads PRIVATE+KEY+name+keyid+base64key");
        }

        if (!StrictBase64.TryDecode(parts[2], out var material))
        {
            return Result<NoteSigner>.Fail("the signing key material is not valid base64");
        }

        if (material.Length != 33 || material[0] != Notes.KeyId.Ed25519Type)
        {
            return Result<NoteSigner>.Fail("the signing key is not an Ed25519 key (type 0x01 and a 32-byte seed)");
        }

        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        var key = Key.Import(SignatureAlgorithm.Ed25519, material.AsSpan(1), KeyBlobFormat.RawPrivateKey, parameters);
        var signer = new NoteSigner(parts[0], key);
        if (!uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id) || id != signer.KeyId)
        {
            signer.Dispose();
            return Result<NoteSigner>.Fail("the signing key's ID does not match its name and key");
        }

        return signer;
    }

    /// <summary>The secret text form, for the key file only.</summary>
    public string ExportPrivateKey()
    {
        var seed = key.Export(KeyBlobFormat.RawPrivateKey);
        try
        {
            return $"{PrivateKeyPrefix}{Name}+{KeyId:x8}+{Convert.ToBase64String([Notes.KeyId.Ed25519Type, .. seed])}";
        }
        finally
        {
            Array.Clear(seed);
        }
    }

    /// <summary>Signs a note text and returns the signature as it appears on the line: key ID ‖ signature.</summary>
    public byte[] Sign(ReadOnlySpan<byte> noteText)
    {
        var signature = new byte[4 + SignatureAlgorithm.Ed25519.SignatureSize];
        BinaryPrimitives.WriteUInt32BigEndian(signature, KeyId);
        SignatureAlgorithm.Ed25519.Sign(key, noteText, signature.AsSpan(4));
        return signature;
    }

    public override string ToString() => $"note signer {Name}+{KeyId:x8} (secret redacted)";

    public void Dispose() => key.Dispose();
}
