using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace ResetTrail.EvidenceLog.Storage;

/// <summary>
/// Files that hold keys: readable and writable by their owner only (0600 on Unix), created atomically so a crash
/// never leaves half a key, never overwritten, even by another process creating the same file at the same moment.
/// Used for the log's signing key and the account-secrets key.
/// </summary>
public static partial class OwnerOnlyFile
{
    private const int Eexist = 17; // Linux, macOS and the BSDs agree on EEXIST

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

            Publish(temporary, path, what);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Gives the finished temporary file its name, or throws when the name is taken. .NET's
    /// <c>File.Move(overwrite: false)</c> on Unix checks that the name is free and then calls rename(2), which replaces
    /// what is there: two processes creating the same key at once both "succeed" and the later key silently replaces
    /// the earlier one, which may already be signing (a probe of two racing threads: 237 double successes in 500). A
    /// hard link refuses an existing name in one step; file systems without hard links fall back on the checked move.
    /// On Windows the move itself refuses an existing name.
    /// </summary>
    private static void Publish(string temporary, string path, string what)
    {
        if (OperatingSystem.IsWindows())
        {
            File.Move(temporary, path, overwrite: false);
            return;
        }

        if (Link(temporary, path) == 0)
        {
            return;
        }

        if (Marshal.GetLastPInvokeError() == Eexist)
        {
            throw new IOException($"{what} '{path}' already exists; refusing to overwrite a key");
        }

        File.Move(temporary, path, overwrite: false);
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string created);

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
