using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResetTrail.Core.Evidence;

/// <summary>
/// One evidence entry: what happened (type), to which case, when, by whom, and the facts of the step.
/// Its log bytes are the RFC 8785 canonical JSON of
/// <c>{"v":1,"type":..,"code":..,"case":..,"at":..,"actor":..,"data":{..}}</c>.
/// </summary>
public sealed record EvidenceRecord(EvidenceType Type, string? CaseId, DateTimeOffset At, string Actor, JsonObject Data)
{
    public const int FormatVersion = 1;

    // The time is held as the entry writes it. Otherwise a case folded from records in memory (clock ticks) and the
    // same case replayed from the log (milliseconds) disagree at a deadline's edge.
    private readonly DateTimeOffset at = ToEntryTime(At);

    /// <summary>When it happened: UTC, whole milliseconds, exactly what the entry's bytes say.</summary>
    public DateTimeOffset At
    {
        get => at;
        init => at = ToEntryTime(value);
    }

    // A record is written once and read many times (every step replays its case): its canonical form and digest
    // are computed once. Data is not changed after a record is made; every producer builds a fresh JsonObject.
    private byte[]? canonical;
    private string? digest;

    // A copy made with 'with' may differ in any member, so it starts without the cached forms.
    private EvidenceRecord(EvidenceRecord original)
    {
        Type = original.Type;
        CaseId = original.CaseId;
        at = original.at;
        Actor = original.Actor;
        Data = original.Data;
    }

    /// <summary>The entry's bytes: RFC 8785 canonical JSON. Returns a copy; the record keeps its own.</summary>
    public byte[] ToCanonicalBytes() => (byte[])Canonical().Clone();

    /// <summary>Lower-case hex SHA-256 of the canonical bytes; how approvals name the evidence they cover.</summary>
    public string Digest() => digest ??= Convert.ToHexStringLower(SHA256.HashData(Canonical()));

    private byte[] Canonical() => canonical ??= CanonicalJson.Serialize(new JsonObject
    {
        ["v"] = FormatVersion,
        ["type"] = EvidenceTypes.Name(Type),
        ["code"] = (int)Type,
        ["case"] = CaseId,
        ["at"] = FormatTime(At),
        ["actor"] = Actor,
        ["data"] = Data.DeepClone(),
    });

    /// <summary>Times are UTC with milliseconds, one spelling only, so canonical bytes are reproducible.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ToEntryTime(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>
    /// Reads an entry back. Entries that are not ResetTrail evidence (other JSON, any bytes appended with
    /// <c>log append</c>, or evidence JSON not in its canonical form) come back as null: the log may hold them and
    /// they belong to no case.
    /// </summary>
    public static EvidenceRecord? TryParse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            // Only the canonical spelling of version 1 is ours: any other spelling of the same JSON would re-serialise
            // to other bytes, so its digest (what approvals bind to) would not be the digest of what the log holds.
            var record = JsonNode.Parse(Encoding.UTF8.GetString(bytes)) is JsonObject root && root["v"]?.ToJsonString() == "1" ? FromJson(root) : null;
            return record is not null && bytes.SequenceEqual(record.Canonical()) ? record : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            // Members of the wrong kind (GetValue), duplicate members (JsonObject throws ArgumentException on first
            // use), bad times: whatever these bytes are, they are not an entry of ours.
            return null;
        }
    }

    private static EvidenceRecord? FromJson(JsonObject root)
    {
        if (root["v"]?.GetValueKind() != JsonValueKind.Number || root["code"]?.GetValueKind() != JsonValueKind.Number
            || root["data"] is not JsonObject data || root["at"]?.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        var code = root["code"]!.GetValue<int>();
        if (!Enum.IsDefined((EvidenceType)code) || root["type"]?.GetValue<string>() != EvidenceTypes.Name((EvidenceType)code))
        {
            return null;
        }

        return new EvidenceRecord(
            (EvidenceType)code,
            root["case"]?.GetValue<string>(),
            ParseTime(root["at"]!.GetValue<string>()),
            root["actor"]?.GetValue<string>() ?? string.Empty,
            (JsonObject)data.DeepClone());
    }
}
