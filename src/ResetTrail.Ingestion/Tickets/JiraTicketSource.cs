using System.Text.Json;
using static ResetTrail.Ingestion.Tickets.JsonFields;

namespace ResetTrail.Ingestion.Tickets;

/// <summary>
/// Jira REST JSON: issue search (<c>{"issues":[...]}</c>) or one issue (<c>{"key","fields"}</c>); and Jira Service
/// Management customer requests (<c>GET /rest/servicedeskapi/request</c>: <c>{"values":[...]}</c>, or one request)
/// with issueKey, createdDate, reporter, currentStatus, requestType and requestFieldValues.
/// </summary>
public sealed class JiraTicketSource(JiraTicketOptions? options = null) : ITicketSource
{
    private readonly JiraTicketOptions options = options ?? new JiraTicketOptions();

    public string Name => "jira";

    public bool Recognises(ReadOnlySpan<byte> head) =>
        head.IndexOf("\"issueKey\""u8) >= 0 || head.IndexOf("\"requestFieldValues\""u8) >= 0
        || (head.IndexOf("\"key\""u8) >= 0 && head.IndexOf("\"fields\""u8) >= 0);

    public IEnumerable<TicketReadResult> Read(Stream input, string fileName) =>
        JsonRecordReader.ReadAll(input, fileName, ["issues", "values"], Map, TicketReadResult.Bad);

    private TicketReadResult Map(JsonElement record, string location)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return TicketReadResult.Bad(location, $"an issue is a JSON object, not {record.ValueKind}");
        }

        var request = Property(record, "issueKey") is not null;
        var key = Text(Property(record, request ? "issueKey" : "key"));
        if (key is null)
        {
            return TicketReadResult.Bad(location, request ? "issueKey: missing or empty" : "key: missing or empty");
        }

        var fields = Property(record, "fields") ?? default;
        var errors = new List<string>();
        DateTimeOffset? opened, closed, updated;
        string? state;
        if (request)
        {
            opened = Time(Path(record, "createdDate", "iso8601"), "createdDate", errors);
            var done = string.Equals(Text(Path(record, "currentStatus", "statusCategory")), "DONE", StringComparison.OrdinalIgnoreCase);
            closed = done ? Time(Path(record, "currentStatus", "statusDate", "iso8601"), "currentStatus.statusDate", errors) : null;
            updated = null;
            state = Text(Path(record, "currentStatus", "status"));
        }
        else
        {
            opened = Time(Property(fields, "created"), "fields.created", errors);
            closed = Time(Property(fields, "resolutiondate"), "fields.resolutiondate", errors);
            updated = Time(Property(fields, "updated"), "fields.updated", errors);
            state = Text(Path(fields, "status", "name"));
        }

        if (errors.Count > 0)
        {
            return TicketReadResult.Bad(location, $"{key}: {string.Join("; ", errors)}");
        }

        var reporter = People(Property(request ? record : fields, "reporter")).FirstOrDefault();
        var kindTexts = KindTexts(record, fields, request).ToList();
        var kind = kindTexts.Select(options.Kinds.Find).FirstOrDefault(k => k is not null);
        return TicketReadResult.Of(new TicketRecord
        {
            System = Name,
            Key = key,
            Opened = opened,
            Closed = closed,
            Updated = updated,
            Requester = reporter,
            Target = People(Custom(record, fields, request, options.TargetField)).FirstOrDefault() ?? reporter,
            Kind = kind,
            KindText = kindTexts.FirstOrDefault(t => options.Kinds.Find(t) == kind),
            State = state,
            Approvers = [.. People(Custom(record, fields, request, options.ApproversField))],
            ThirdParty = Options(Custom(record, fields, request, options.ThirdPartyField)).FirstOrDefault(),
            Location = location,
        });
    }

    private IEnumerable<string> KindTexts(JsonElement record, JsonElement fields, bool request)
    {
        foreach (var text in Options(Custom(record, fields, request, options.KindField)))
        {
            yield return text;
        }

        foreach (var text in Options(Property(fields, "labels")))
        {
            yield return text;
        }

        foreach (var text in Options(request ? Path(record, "requestType", "name") : Path(fields, "issuetype", "name")))
        {
            yield return text;
        }
    }

    /// <summary>A field by id: fields.X on an issue, the requestFieldValues entry with fieldId X on a request.</summary>
    private static JsonElement? Custom(JsonElement record, JsonElement fields, bool request, string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        if (!request)
        {
            return Property(fields, id);
        }

        return Property(record, "requestFieldValues") is { ValueKind: JsonValueKind.Array } values
            ? values.EnumerateArray().Where(v => Text(Property(v, "fieldId")) == id).Select(v => Property(v, "value")).FirstOrDefault()
            : null;
    }

    private static DateTimeOffset? Time(JsonElement? value, string field, List<string> errors)
    {
        if (Text(value) is not { } text)
        {
            return null;
        }

        if (TicketTime.TryParseIso(text, out var time))
        {
            return time;
        }

        errors.Add($"{field}: '{text}' is not an ISO 8601 time with an offset");
        return null;
    }
}
