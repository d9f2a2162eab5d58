namespace ResetTrail.Ingestion.Syslog;

/// <summary>
/// Splits a syslog TCP (or TLS) stream into messages per RFC 6587: octet counting ("LEN SP MSG", RFC 5425's only
/// framing) and the older non-transparent framing (messages ended by LF), recognised per frame by the first byte.
/// A frame larger than the limit, or a broken length, ends the stream with a problem: after that the byte stream
/// cannot be re-synchronised, and reading on would let a hostile sender make us buffer without bound.
/// </summary>
public sealed class SyslogFraming(Stream stream, int maxFrameBytes)
{
    private readonly byte[] buffer = new byte[maxFrameBytes + 16];
    private int start;
    private int end;

    /// <summary>The next frame, <see cref="SyslogFrame.End"/> at the end of the stream, or a problem.</summary>
    public async ValueTask<SyslogFrame> ReadAsync(CancellationToken cancel)
    {
        // Stray line ends between frames are tolerated (some senders end octet-counted frames with LF too).
        while (true)
        {
            if (start == end && !await FillAsync(cancel).ConfigureAwait(false))
            {
                return SyslogFrame.End;
            }

            if (buffer[start] is (byte)'\n' or (byte)'\r' or 0)
            {
                start++;
                continue;
            }

            break;
        }

        return buffer[start] switch
        {
            >= (byte)'1' and <= (byte)'9' => await OctetCountedAsync(cancel).ConfigureAwait(false),
            (byte)'<' => await LineEndedAsync(cancel).ConfigureAwait(false),
            _ => SyslogFrame.Broken($"a frame starts with a length (octet counting) or '<' (non-transparent framing), not byte 0x{buffer[start]:x2}"),
        };
    }

    private async ValueTask<SyslogFrame> OctetCountedAsync(CancellationToken cancel)
    {
        long length = 0;
        var digits = 0;
        while (true)
        {
            if (start == end && !await FillAsync(cancel).ConfigureAwait(false))
            {
                return SyslogFrame.Broken("the stream ended inside a frame length");
            }

            var b = buffer[start];
            if (b == ' ')
            {
                start++;
                break;
            }

            if (b is < (byte)'0' or > (byte)'9' || ++digits > 9)
            {
                return SyslogFrame.Broken("a frame length is 1 to 9 digits followed by a space");
            }

            length = (length * 10) + (b - '0');
            start++;
        }

        if (length > maxFrameBytes)
        {
            return SyslogFrame.Broken($"a frame of {length} bytes is larger than the {maxFrameBytes}-byte limit");
        }

        while (end - start < length)
        {
            if (!await FillAsync(cancel).ConfigureAwait(false))
            {
                return SyslogFrame.Broken($"the stream ended {length - (end - start)} bytes before the end of a {length}-byte frame");
            }
        }

        var frame = buffer.AsMemory(start, (int)length).ToArray();
        start += (int)length;
        return SyslogFrame.Of(frame);
    }

    private async ValueTask<SyslogFrame> LineEndedAsync(CancellationToken cancel)
    {
        var scanned = 0; // bytes after start already searched for LF (start moves when the buffer is compacted)
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', start + scanned, end - start - scanned);
            if (newline >= 0)
            {
                var frame = buffer.AsMemory(start, newline - start).ToArray();
                start = newline + 1;
                return SyslogFrame.Of(frame);
            }

            scanned = end - start;
            if (scanned > maxFrameBytes)
            {
                return SyslogFrame.Broken($"a line of more than {maxFrameBytes} bytes has no end");
            }

            if (!await FillAsync(cancel).ConfigureAwait(false))
            {
                // The last message of a stream may lack its LF.
                if (end == start)
                {
                    return SyslogFrame.End;
                }

                var frame = buffer.AsMemory(start, end - start).ToArray();
                start = end;
                return SyslogFrame.Of(frame);
            }
        }
    }

    /// <summary>Reads more bytes, compacting first; false at the end of the stream.</summary>
    private async ValueTask<bool> FillAsync(CancellationToken cancel)
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            return false;
        }

        var read = await stream.ReadAsync(buffer.AsMemory(end), cancel).ConfigureAwait(false);
        end += read;
        return read > 0;
    }
}

/// <summary>A frame's bytes, the end of the stream, or a problem that ends it.</summary>
public readonly record struct SyslogFrame(byte[]? Bytes, string? Problem, bool IsEnd)
{
    public static SyslogFrame End => new(null, null, true);

    public static SyslogFrame Of(byte[] bytes) => new(bytes, null, false);

    public static SyslogFrame Broken(string problem) => new(null, problem, true);
}
