using System.Security.Cryptography;
using System.Text;
using ResetTrail.EvidenceLog;
using ResetTrail.EvidenceLog.Storage;

namespace ResetTrail.Accounts.Secrets;

/// <summary>
/// Seals account secrets (TOTP keys) with AES-256-GCM under a key kept in an owner-only file (like the signing key):
/// beside a SQLite database in <c>FILE.secrets.key</c>; for a shared PostgreSQL database, one file every server holds.
/// A copy of the database alone does not reveal them. The associated data binds each ciphertext to its purpose and
/// login, so a sealed secret moved to another row does not open.
/// Sealed form: version byte 1, 12-byte nonce, 16-byte tag, ciphertext.
/// </summary>
public sealed class AccountSecretsKey : IDisposable
{
    private const string What = "account secrets key file";
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly AesGcm aes;

    private AccountSecretsKey(byte[] key) => aes = new AesGcm(key, TagBytes);

    public static string DefaultPathFor(string databasePath) => databasePath + ".secrets.key";

    /// <summary>
    /// Reads the key file, creating it (32 random bytes, base64, mode 0600) when it does not exist. Servers starting
    /// together on one shared database and key folder: the first file written wins and the others read it.
    /// </summary>
    public static Result<AccountSecretsKey> OpenOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            try
            {
                OwnerOnlyFile.CreateNew(path, Encoding.ASCII.GetBytes(Convert.ToBase64String(fresh) + "\n"), What);
                return new AccountSecretsKey(fresh);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it between our look and our write; the file is written atomically, so read it.
            }
        }

        if (OwnerOnlyFile.Problem(path, What) is { } problem)
        {
            return Result<AccountSecretsKey>.Fail(problem);
        }

        var bytes = new byte[32];
        return Convert.TryFromBase64String(File.ReadAllText(path, Encoding.ASCII).Trim(), bytes, out var written) && written == 32
            ? new AccountSecretsKey(bytes)
            : Result<AccountSecretsKey>.Fail($"{What} '{path}' does not hold a base64 32-byte key; restore it from backup (without it, TOTP secrets cannot be read)");
    }

    public byte[] Seal(ReadOnlySpan<byte> secret, string purpose)
    {
        var sealedBytes = new byte[1 + NonceBytes + TagBytes + secret.Length];
        sealedBytes[0] = Version;
        var nonce = sealedBytes.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        aes.Encrypt(nonce, secret, sealedBytes.AsSpan(1 + NonceBytes + TagBytes), sealedBytes.AsSpan(1 + NonceBytes, TagBytes), Encoding.UTF8.GetBytes(purpose));
        return sealedBytes;
    }

    /// <summary>The secret, or throws: a ciphertext that does not open means a wrong key file or a tampered row.</summary>
    public byte[] Open(ReadOnlySpan<byte> sealedBytes, string purpose)
    {
        if (sealedBytes.Length < 1 + NonceBytes + TagBytes || sealedBytes[0] != Version)
        {
            throw new InvalidDataException($"a sealed account secret ({purpose}) has an unknown format");
        }

        var secret = new byte[sealedBytes.Length - 1 - NonceBytes - TagBytes];
        try
        {
            aes.Decrypt(sealedBytes.Slice(1, NonceBytes), sealedBytes[(1 + NonceBytes + TagBytes)..], sealedBytes.Slice(1 + NonceBytes, TagBytes), secret, Encoding.UTF8.GetBytes(purpose));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new InvalidDataException($"a sealed account secret ({purpose}) does not open with the account secrets key: wrong key file, or the row was altered", e);
        }

        return secret;
    }

    public void Dispose() => aes.Dispose();
}
