using System.Text;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Ingestion.Sources.JsonRecords;

/// <summary>
/// What a prefilter knows about an event type read as bytes: the type as a string (made once per distinct type) and
/// whether a record of that type could be a credential change. One per reader: not shared between threads.
/// </summary>
internal sealed class EventTypeCache(Func<string, (ChangeKind Kind, bool MaybeCredential)> classify)
{
    private const int MaxTypeBytes = 256;

    private readonly Dictionary<string, (string Type, ChangeKind Kind, bool MaybeCredential)> known = new(StringComparer.Ordinal);

    /// <summary>The type's entry; false for a type that is not plain ASCII or too long (the caller parses fully).</summary>
    public bool TryGet(ReadOnlySpan<byte> typeUtf8, out (string Type, ChangeKind Kind, bool MaybeCredential) entry)
    {
        entry = default;
        if (typeUtf8.Length > MaxTypeBytes || !Ascii.IsValid(typeUtf8))
        {
            return false;
        }

        Span<char> chars = stackalloc char[typeUtf8.Length];
        Ascii.ToUtf16(typeUtf8, chars, out _);
        var lookup = known.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars, out entry))
        {
            return true;
        }

        var type = new string(chars);
        var (kind, maybeCredential) = classify(type);
        entry = (type, kind, maybeCredential);
        known[type] = entry;
        return true;
    }
}
