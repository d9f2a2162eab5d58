using System.Globalization;

namespace ResetTrail.Accounts.Passwords;

/// <summary>
/// A stored password hash in the PHC string format (<c>$pbkdf2-sha256$i=600000$SALT$HASH</c>, salt and hash in
/// base64 without padding). The string names its algorithm and cost, so the cost can be raised later: a hash with
/// fewer iterations than the current setting is replaced at the next successful sign-in.
/// </summary>
public sealed record PasswordHash(string Algorithm, int Iterations, byte[] Salt, byte[] Hash)
{
    public const string Pbkdf2Sha256 = "pbkdf2-sha256";

    /// <summary>The encoded form; contains no secret a person could type, but still is never logged.</summary>
    public string Encode() =>
        $"${Algorithm}$i={Iterations.ToString(CultureInfo.InvariantCulture)}${Unpadded(Salt)}${Unpadded(Hash)}";

    public override string ToString() => $"{Algorithm} i={Iterations} (hash redacted)";

    public static PasswordHash? TryParse(string? encoded)
    {
        var parts = (encoded ?? string.Empty).Split('$');
        if (parts.Length != 5 || parts[0].Length != 0 || parts[1] != Pbkdf2Sha256 || !parts[2].StartsWith("i=", StringComparison.Ordinal)
            || !int.TryParse(parts[2].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return null;
        }

        var salt = FromUnpadded(parts[3]);
        var hash = FromUnpadded(parts[4]);
        return salt is { Length: >= 16 } && hash is { Length: >= 32 } ? new PasswordHash(parts[1], iterations, salt, hash) : null;
    }

    private static string Unpadded(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[]? FromUnpadded(string text)
    {
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        var buffer = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }
}
