using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ResetTrail.Server.Tokens;

/// <summary>
/// An API token: "rt_" + 256 random bits in unpadded base64url (43 characters). Shown once when created and
/// stored only as its SHA-256: with 256 bits of entropy no dictionary or brute force applies, so a fast hash is
/// enough and a slow password hash would only cost every request (ADR 0011). ToString never shows the secret.
/// </summary>
public sealed class ApiTokenSecret
{
    public const string Prefix = "rt_";
    private const int RandomBytes = 32;
    private const int EncodedLength = 43;

    private ApiTokenSecret(string value) => Value = value;

    /// <summary>The token itself: print it once, never log it.</summary>
    public string Value { get; }

    public static ApiTokenSecret Generate() => new(Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes)));

    /// <summary>True when <paramref name="text"/> has the token's shape; says nothing about whether it is valid.</summary>
    public static bool HasTokenShape(string text) =>
        text.Length == Prefix.Length + EncodedLength && text.StartsWith(Prefix, StringComparison.Ordinal) && Base64Url.IsValid(text.AsSpan(Prefix.Length));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    public byte[] Hash() => Hash(Value);

    public override string ToString() => Prefix + "(redacted)";
}
