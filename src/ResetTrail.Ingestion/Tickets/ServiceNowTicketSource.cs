using System.Collections.Frozen;
using System.Text.Json;

namespace ResetTrail.Ingestion.Tickets;

/// <summary>
/// ServiceNow Table API JSON (<c>GET /api/now/table/incident</c>): <c>{"result":[...]}</c>, or one record.
/// A field is either plain (sysparm_display_value=false; a reference may be <c>{"link","value"}</c>) or
/// <c>{"display_value","value"}</c> (sysparm_display_value=all). The value is read in both cases, so both give the
/// same ticket: times are then UTC "yyyy-MM-dd HH:mm:ss" and references are sys_ids unless dot-walked.
/// sysparm_display_value=true is not supported for times: they come in the user's zone and format.
/// </summary>
public sealed class ServiceNowTicketSource(ServiceNowTicketOptions? options = null) : ITicketSource
{
    // The incident table's state choices as ServiceNow ships them, so "6" and {"display_value":"Resolved"} agree.
    private static readonly FrozenDictionary<string, string> IncidentStates = new Dictionary<string, string>
    {
        ["1"] = "New", ["2"] = "In Progress", ["3"] = "On Hold", ["6"] = "Resolved", ["7"] = "Closed", ["8"] = "Canceled",
    }.ToFrozenDictionary();

    private readonly ServiceNowTicketOptions options = options ?? new ServiceNowTicketOptions();

    public string Name => "servicenow";

    public bool Recognises(ReadOnlySpan<byte> head) =>
        head.IndexOf("\"result\""u8) >= 0 && (head.IndexOf("\"sys_"u8) >= 0 || head.IndexOf("\"number\""u8) >= 0);

    public IEnumerable<TicketReadResult> Read(Stream input, string fileName) =>
        JsonRecordReader.ReadAll(input, fileName, ["result"], Map, TicketReadResult.Bad);

    private TicketReadResult Map(JsonElement record, string location)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return TicketReadResult.Bad(location, $"a record is a JSON object, not {record.ValueKind}");
        }

        if (Value(record, "number") is not { } number)
        {
            return TicketReadResult.Bad(location, "number: missing or empty; every ticket needs its number");
        }

        var errors = new List<string>();
        var opened = Time(record, "opened_at", errors);
        var closed = Time(record, "closed_at", errors) ?? Time(record, "resolved_at", errors);
        var updated = Time(record, "sys_updated_on", errors);
        if (errors.Count > 0)
        {
            return TicketReadResult.Bad(location, $"{number}: {string.Join("; ", errors)}");
        }

        var kindTexts = options.KindFields.Select(f => Value(record, f)).OfType<string>().ToList();
        var kind = kindTexts.Select(options.Kinds.Find).FirstOrDefault(k => k is not null);
        return TicketReadResult.Of(new TicketRecord
        {
            System = Name,
            Key = number,
            Opened = opened,
            Closed = closed,
            Updated = updated,
            Requester = First(record, options.RequesterFields),
            Target = First(record, options.TargetFields),
            Kind = kind,
            KindText = kindTexts.FirstOrDefault(t => options.Kinds.Find(t) == kind),
            State = State(record, number),
            Approval = Value(record, "approval"),
            Approvers = First(record, options.ApproverFields) is { } list
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [],
            ThirdParty = First(record, options.ThirdPartyFields),
            Location = location,
        });
    }

    private static string? State(JsonElement record, string number)
    {
        foreach (var field in new[] { "state", "incident_state" })
        {
            if (JsonFields.Property(record, field) is { ValueKind: JsonValueKind.Object } both
                && JsonFields.Text(JsonFields.Property(both, "display_value")) is { } display)
            {
                return display;
            }

            if (Value(record, field) is { } raw)
            {
                return number.StartsWith("INC", StringComparison.OrdinalIgnoreCase) && IncidentStates.TryGetValue(raw, out var name)
                    ? name
                    : raw;
            }
        }

        return null;
    }

    private static DateTimeOffset? Time(JsonElement record, string field, List<string> errors)
    {
        if (Value(record, field) is not { } text)
        {
            return null;
        }

        if (TicketTime.TryParseServiceNow(text, out var time))
        {
            return time;
        }

        errors.Add($"{field}: '{text}' is not a ServiceNow time (yyyy-MM-dd HH:mm:ss, UTC; export with sysparm_display_value=false or all)");
        return null;
    }

    private static string? First(JsonElement record, IEnumerable<string> fields) =>
        fields.Select(f => Value(record, f)).FirstOrDefault(v => v is not null);

    /// <summary>The stored value: plain text, or the "value" of {"display_value","value"} and {"link","value"}.</summary>
    private static string? Value(JsonElement record, string field) =>
        JsonFields.Property(record, field) is { } v
            ? v.ValueKind == JsonValueKind.Object ? JsonFields.Text(JsonFields.Property(v, "value")) : JsonFields.Text(v)
            : null;
}
