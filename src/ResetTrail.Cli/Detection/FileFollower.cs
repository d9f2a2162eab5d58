namespace ResetTrail.Cli.Detection;

/// <summary>
/// Tails a file that grows (<c>detect --follow</c>): each <see cref="Poll"/> returns the complete lines appended since
/// the last one (a partial last line waits for its newline). A file that got shorter was truncated, and one whose
/// first bytes changed (a new file renamed into place by log rotation) was rotated: both are read again from the
/// start. The first bytes are the file's fingerprint because .NET exposes no inode number, and creation times on
/// Linux move with every write. Works for line-delimited formats (NDJSON, JSON lines).
/// </summary>
public sealed class FileFollower(string path)
{
    private const int FingerprintBytes = 256;

    private long offset;
    private byte[] fingerprint = [];
    private byte[] partial = [];

    public string Path { get; } = path;

    /// <summary>How many times the file was found truncated or replaced.</summary>
    public int Rotations { get; private set; }

    /// <summary>The bytes of the new complete lines, or an empty array when nothing new is there (or the file is missing for now).</summary>
    public byte[] Poll()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = stream.Length;
        if (length < offset || !SameStart(stream))
        {
            offset = 0;
            partial = [];
            fingerprint = [];
            Rotations++;
        }

        if (fingerprint.Length < FingerprintBytes && length > fingerprint.Length)
        {
            stream.Position = 0;
            fingerprint = new byte[Math.Min(FingerprintBytes, length)];
            stream.ReadExactly(fingerprint);
        }

        if (length == offset)
        {
            return [];
        }

        stream.Position = offset;
        var fresh = new byte[length - offset];
        var read = stream.ReadAtLeast(fresh, fresh.Length, throwOnEndOfStream: false);
        offset += read;
        var all = partial.Length == 0 ? fresh[..read] : [.. partial, .. fresh.AsSpan(0, read)];
        var end = Array.LastIndexOf(all, (byte)'\n');
        partial = all[(end + 1)..];
        return end < 0 ? [] : all[..(end + 1)];
    }

    private bool SameStart(FileStream stream)
    {
        if (fingerprint.Length == 0)
        {
            return true;
        }

        if (stream.Length < fingerprint.Length)
        {
            return false;
        }

        stream.Position = 0;
        var head = new byte[fingerprint.Length];
        stream.ReadExactly(head);
        return head.AsSpan().SequenceEqual(fingerprint);
    }
}
