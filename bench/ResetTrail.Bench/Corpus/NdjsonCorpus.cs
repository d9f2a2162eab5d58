using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using ResetTrail.Bench.Harness;

namespace ResetTrail.Bench.Corpus;

/// <summary>Writes one event a line.</summary>
/// <param name="json">The writer, reset for this line.</param>
/// <param name="rng">The corpus's random stream.</param>
/// <param name="time">The event's time (a few hundred milliseconds after the last).</param>
/// <param name="number">The line's number, from 1.</param>
/// <param name="filler">Text to pad records to their size with (see <see cref="NdjsonCorpus.Padding"/>).</param>
/// <returns>Whether the event is a credential change, and whether it carries non-ASCII text.</returns>
internal delegate (bool Credential, bool Unicode) WriteLine(Utf8JsonWriter json, SplitMix64 rng, DateTime time, long number, string filler);

/// <summary>
/// The loop every synthetic log shares: a seeded random stream, events a few hundred milliseconds apart from
/// 1 January 2026, one JSON object a line, gzip when the path ends in .gz, bytes counted before compression.
/// </summary>
internal static class NdjsonCorpus
{
    public static CorpusStats Write(string path, long count, ulong seed, WriteLine writeLine)
    {
        using var file = File.Create(path, 1 << 20);
        using Stream output = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Fastest) : file;
        return Write(output, count, seed, writeLine);
    }

    public static CorpusStats Write(Stream output, long count, ulong seed, WriteLine writeLine)
    {
        var rng = new SplitMix64(seed);
        var buffer = new ArrayBufferWriter<byte>(8192);
        using var json = new Utf8JsonWriter(buffer);
        var filler = OktaCorpus.Filler(rng);
        var time = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        long total = 0, changes = 0, escaped = 0;
        for (long i = 0; i < count; i++)
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            time = time.AddMilliseconds(1 + rng.Below(400));
            var (credential, unicode) = writeLine(json, rng, time, i + 1, filler);
            changes += credential ? 1 : 0;
            escaped += unicode ? 1 : 0;
            json.Flush();
            output.Write(buffer.WrittenSpan);
            output.WriteByte((byte)'\n');
            total += buffer.WrittenCount + 1;
        }

        return new CorpusStats(count, total, changes, escaped);
    }

    /// <summary>A random slice of <paramref name="filler"/> that brings the record written so far to about <paramref name="size"/> bytes.</summary>
    public static ReadOnlySpan<char> Padding(Utf8JsonWriter json, SplitMix64 rng, string filler, int size, int reserve)
    {
        var used = (int)(json.BytesCommitted + json.BytesPending);
        var pad = Math.Max(16, size - used - reserve);
        var start = (int)rng.Below((ulong)(filler.Length - pad));
        return filler.AsSpan(start, pad);
    }
}
