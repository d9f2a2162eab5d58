using System.Runtime.Versioning;
using System.Text;

namespace ResetTrail.EvidenceLog.Notes;

/// <summary>
/// The log's private signing key on disk: one line in the note signer form, readable and writable by
/// its owner only (0600 on Unix), created atomically so a crash never leaves half a key.
/// Nothing here logs or prints the key.
/// </summary>
public static class SigningKeyFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The default key path beside a database file: <c>FILE.key</c>.</summary>
    public static string DefaultPathFor(string databasePath) => databasePath + ".key";

    public static Result<NoteSigner> Read(string path)
    {
        if (!File.Exists(path))
        {
            return Result<NoteSigner>.Fail($"signing key file '{path}' does not exist");
        }

        if (!OperatingSystem.IsWindows())
        {
            var problem = CheckOwnerOnly(path);
            if (problem is not null)
            {
                return Result<NoteSigner>.Fail(problem);
            }
        }

        var parsed = NoteSigner.Parse(File.ReadAllText(path, Encoding.UTF8));
        return parsed.IsSuccess ? parsed : Result<NoteSigner>.Fail($"signing key file '{path}': {parsed.Error}");
    }

    /// <summary>Writes a new key file; refuses to overwrite an existing one.</summary>
    public static void Write(string path, NoteSigner signer)
    {
        if (File.Exists(path))
        {
            throw new IOException($"signing key file '{path}' already exists; refusing to overwrite a key");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.UTF8.GetBytes(signer.ExportPrivateKey() + "\n"));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static string? CheckOwnerOnly(string path)
    {
        var mode = File.GetUnixFileMode(path);
        var tooOpen = mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        return tooOpen == 0
            ? null
            : $"signing key file '{path}' is readable by others (mode {Convert.ToString((int)mode, 8)}); run: chmod 600 '{path}'";
    }
}
