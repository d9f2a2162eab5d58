using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ResetTrail.Bench.Peers;

/// <summary>
/// The floor under every durable commit: write 100 bytes, then fdatasync(2), in a loop, on a file in
/// the bench's folder. fdatasync is what SQLite calls on Linux for synchronous=FULL.
/// In "overwrite" mode the writes walk through a preallocated 4 MiB file, as SQLite's WAL does once
/// it has wrapped (its default auto-checkpoint restarts it at ~4 MB); in "extend" mode each write
/// grows the file, so every sync must also commit the new size.
/// </summary>
internal sealed partial class FdatasyncProbe : IDisposable
{
    private const int Preallocated = 4 << 20;
    private readonly SafeFileHandle handle;
    private readonly bool extend;
    private readonly byte[] record = new byte[100];
    private long offset;

    public FdatasyncProbe(string path, bool extend)
    {
        this.extend = extend;
        handle = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite);
        if (!extend)
        {
            var zeros = new byte[1 << 20];
            for (long at = 0; at < Preallocated; at += zeros.Length)
            {
                RandomAccess.Write(handle, zeros, at);
            }

            Sync();
        }
    }

    /// <summary>One durable 100-byte write.</summary>
    public void WriteAndSync()
    {
        RandomAccess.Write(handle, record, offset);
        offset += record.Length;
        if (!extend && offset + record.Length > Preallocated)
        {
            offset = 0;
        }

        Sync();
    }

    public void Dispose() => handle.Dispose();

    private void Sync()
    {
        if (OperatingSystem.IsLinux())
        {
            if (fdatasync((int)handle.DangerousGetHandle()) != 0)
            {
                throw new IOException($"fdatasync failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        else
        {
            RandomAccess.FlushToDisk(handle);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fdatasync(int fd);
}
