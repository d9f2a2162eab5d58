using System.Text;

namespace ResetTrail.Ingestion.Events;

/// <summary>
/// The duplicate-detection key of an event: FNV-1a over the UTF-8 bytes of its source, a newline and its source id,
/// 64 bits (collisions among a million ids: about one in thirty million). The same whether the id is a string or
/// the raw bytes a prefilter read.
/// </summary>
public static class EventKey
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(string source, ReadOnlySpan<byte> idUtf8)
    {
        ArgumentNullException.ThrowIfNull(source);
        var hash = Offset;
        foreach (var c in source)
        {
            hash = (hash ^ (byte)c) * Prime;
        }

        hash = (hash ^ (byte)'\n') * Prime;
        foreach (var b in idUtf8)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }

    public static ulong Of(string source, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var max = Encoding.UTF8.GetMaxByteCount(id.Length);
        Span<byte> bytes = max <= 512 ? stackalloc byte[max] : new byte[max];
        return Of(source, bytes[..Encoding.UTF8.GetBytes(id, bytes)]);
    }
}
