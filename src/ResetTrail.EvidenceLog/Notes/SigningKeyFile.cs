using System.Text;
using ResetTrail.EvidenceLog.Storage;

namespace ResetTrail.EvidenceLog.Notes;

/// <summary>
/// The log's private signing key on disk: one line in the note signer form, readable and writable by
/// its owner only (0600 on Unix), created atomically so a crash never leaves half a key.
/// Nothing here logs or prints the key.
/// </summary>
public static class SigningKeyFile
{
    private const string What = "signing key file";

    /// <summary>The default key path beside a database file: <c>FILE.key</c>.</summary>
    public static string DefaultPathFor(string databasePath) => databasePath + ".key";

    public static Result<NoteSigner> Read(string path)
    {
        if (!File.Exists(path))
        {
            return Result<NoteSigner>.Fail($"{What} '{path}' does not exist");
        }

        if (OwnerOnlyFile.Problem(path, What) is { } problem)
        {
            return Result<NoteSigner>.Fail(problem);
        }

        var parsed = NoteSigner.Parse(File.ReadAllText(path, Encoding.UTF8));
        return parsed.IsSuccess ? parsed : Result<NoteSigner>.Fail($"{What} '{path}': {parsed.Error}");
    }

    /// <summary>Writes a new key file; refuses to overwrite an existing one.</summary>
    public static void Write(string path, NoteSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        OwnerOnlyFile.CreateNew(path, Encoding.UTF8.GetBytes(signer.ExportPrivateKey() + "\n"), What);
    }
}
