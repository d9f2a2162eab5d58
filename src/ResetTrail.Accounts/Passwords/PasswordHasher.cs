using System.Security.Cryptography;
using System.Text;

namespace ResetTrail.Accounts.Passwords;

/// <summary>What checking a password against a stored hash found.</summary>
public enum PasswordCheck
{
    Wrong,
    Correct,

    /// <summary>Correct, and the stored hash is weaker than the current setting: store a new one.</summary>
    CorrectButRehash,
}

/// <summary>
/// PBKDF2-HMAC-SHA256 from the base library (OpenSSL underneath), 600,000 iterations by default: OWASP's Password
/// Storage Cheat Sheet figure for this algorithm. 16-byte random salt, 32-byte output. ADR 0012 says why not Argon2id.
/// </summary>
public sealed class PasswordHasher
{
    /// <summary>OWASP Password Storage Cheat Sheet (2023 onwards) for PBKDF2-HMAC-SHA256.</summary>
    public const int OwaspIterations = 600_000;

    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly Lazy<PasswordHash> decoy;

    /// <param name="iterations">The cost for new hashes. Lower than the default only in tests.</param>
    public PasswordHasher(int iterations = OwaspIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        Iterations = iterations;
        decoy = new Lazy<PasswordHash>(() => Hash("decoy password for unknown accounts"));
    }

    public int Iterations { get; }

    public PasswordHash Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new PasswordHash(PasswordHash.Pbkdf2Sha256, Iterations, salt, Derive(password, salt, Iterations, HashBytes));
    }

    public PasswordCheck Check(string password, string encodedHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        var stored = PasswordHash.TryParse(encodedHash);
        if (stored is null)
        {
            return PasswordCheck.Wrong;
        }

        var derived = Derive(password, stored.Salt, stored.Iterations, stored.Hash.Length);
        if (!CryptographicOperations.FixedTimeEquals(derived, stored.Hash))
        {
            return PasswordCheck.Wrong;
        }

        return stored.Iterations < Iterations || stored.Salt.Length < SaltBytes ? PasswordCheck.CorrectButRehash : PasswordCheck.Correct;
    }

    /// <summary>
    /// Spends the time of one check on a fixed hash and always fails: an unknown or locked account answers as
    /// slowly as a wrong password, so timing does not tell which names exist.
    /// </summary>
    public PasswordCheck CheckDecoy(string password)
    {
        _ = Check(password, decoy.Value.Encode());
        return PasswordCheck.Wrong;
    }

    private static byte[] Derive(string password, byte[] salt, int iterations, int length)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return Rfc2898DeriveBytes.Pbkdf2(bytes, salt, iterations, HashAlgorithmName.SHA256, length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
