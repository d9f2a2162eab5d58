using System.Runtime.Versioning;

namespace ResetTrail.EvidenceLog.Storage;

/// <summary>
/// Files that hold keys: readable and writable by their owner only (0600 on Unix), created atomically so a crash
/// never leaves half a key, never overwritten. Used for the log's signing key and the account-secrets key.
/// </summary>
public static class OwnerOnlyFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Null when the file is owner-only (or on Windows); else what is wrong and the command that fixes it.</summary>
    public static string? Problem(string path, string what) => OperatingSystem.IsWindows() ? null : CheckOwnerOnly(path, what);

    /// <summary>Writes a new owner-only file; refuses to overwrite an existing one.</summary>
    public static void CreateNew(string path, ReadOnlySpan<byte> content, string what)
    {
        if (File.Exists(path))
        {
            throw new IOException($"{what} '{path}' already exists; refusing to overwrite a key");
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
                stream.Write(content);
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
    private static string? CheckOwnerOnly(string path, string what)
    {
        var mode = File.GetUnixFileMode(path);
        var tooOpen = mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        return tooOpen == 0
            ? null
            : $"{what} '{path}' is readable by others (mode {Convert.ToString((int)mode, 8)}); run: chmod 600 '{path}'";
    }
}
