using System.Globalization;
using System.Text;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources.JsonRecords;

namespace ResetTrail.Ingestion.Sources.Okta;

/// <summary>
/// Counts an Okta LogEvent line whose eventType cannot be a credential change from its bytes: eventType, uuid and
/// published read as top-level fields (<see cref="TopLevelField"/>), the time checked as the full parser would.
/// Anything else (a password or factor event, a record with escapes, a missing or doubtful field, a time the quick
/// check does not take) is left to the full parse, which makes the event or reports the problem. Given what the
/// caller wants (detect: the kinds and types its rules read), records of other types are counted too, with their time.
/// </summary>
internal sealed class OktaPrefilter
{
    private readonly EventTypeCache types;

    public OktaPrefilter(Func<ChangeKind, string, bool>? wanted = null)
    {
        types = wanted is null
            ? new EventTypeCache(Classify)
            : new EventTypeCache(type =>
            {
                var (kind, maybeCredential) = Classify(type);
                return (kind, maybeCredential || wanted(kind, type));
            });
    }

    public bool TryCount(ReadOnlySpan<byte> record, out CountedEvent? counted)
    {
        counted = null;
        if (!TopLevelField.IsPlainObject(record)
            || !TopLevelField.TryRead(record, "\"eventType\""u8, out var type)
            || type.IsEmpty
            || !types.TryGet(type, out var entry)
            || entry.MaybeCredential
            || !TopLevelField.TryRead(record, "\"uuid\""u8, out var uuid)
            || uuid.IsEmpty
            || !TopLevelField.TryRead(record, "\"published\""u8, out var published)
            || !IsTime(published, out var time))
        {
            return false;
        }

        counted = new CountedEvent("okta", entry.Type, entry.Kind, EventKey.Of("okta", uuid)) { Time = time };
        return true;
    }

    /// <summary>The kind the full parse gives a type; password events depend on the actor, so they may be resets.</summary>
    internal static (ChangeKind Kind, bool MaybeCredential) Classify(string eventType)
    {
        var kind = OktaEventKinds.Of(eventType);
        return (kind, OktaEventKinds.IsPasswordEvent(eventType) || IdentityEvent.ResetKindOf(kind) is not null);
    }

    private static bool IsTime(ReadOnlySpan<byte> text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length is < 10 or > 40 || !Ascii.IsValid(text))
        {
            return false;
        }

        Span<char> chars = stackalloc char[text.Length];
        Ascii.ToUtf16(text, chars, out _);
        return DateTimeOffset.TryParse(chars, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }
}
