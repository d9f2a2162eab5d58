using System.IO.Compression;

namespace ResetTrail.Ingestion.Sources;

/// <summary>
/// Opens an input file for streaming: gzip is recognised by its magic bytes (whatever the name) and read
/// directly; the first bytes are kept aside so a source can be detected without reading the file twice.
/// </summary>
public sealed class InputFile : IDisposable
{
    public const int HeadBytes = 16 * 1024;

    private readonly FileStream file;

    private InputFile(string path, FileStream file, Stream content, byte[] head)
    {
        Path = path;
        this.file = file;
        Content = content;
        Head = head;
    }

    public string Path { get; }

    /// <summary>The decompressed content from its first byte (the head included).</summary>
    public Stream Content { get; }

    /// <summary>Up to <see cref="HeadBytes"/> decompressed bytes from the start, for detection.</summary>
    public ReadOnlyMemory<byte> Head { get; }

    /// <summary>How far into the file on disk reading has got, for progress bars.</summary>
    public long Position => file.Position;

    public long Length => file.Length;

    public static InputFile Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        try
        {
            var magic = new byte[2];
            var isGzip = file.Read(magic, 0, 2) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            file.Position = 0;
            // Unbuffered file: readers ask for large blocks; gzip gets a buffer of its own.
            Stream decoded = isGzip ? new GZipStream(new BufferedStream(file, 1 << 16), CompressionMode.Decompress, leaveOpen: true) : file;
            var head = new byte[HeadBytes];
            var length = 0;
            int read;
            while (length < head.Length && (read = decoded.Read(head, length, head.Length - length)) > 0)
            {
                length += read;
            }

            var kept = head[..length];
            return new InputFile(path, file, new PrefixedStream(kept, decoded), kept);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Content.Dispose();
        file.Dispose();
    }

    /// <summary>The bytes read for detection, then the rest of the stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
    {
        private int offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (offset < prefix.Length)
            {
                var n = Math.Min(buffer.Length, prefix.Length - offset);
                prefix.AsSpan(offset, n).CopyTo(buffer);
                offset += n;
                return n;
            }

            return rest.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
