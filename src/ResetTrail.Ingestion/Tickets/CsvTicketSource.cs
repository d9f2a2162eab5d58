using System.Text;
using ResetTrail.Core;
using ResetTrail.Core.Cases;

namespace ResetTrail.Ingestion.Tickets;

/// <summary>
/// Tickets as CSV. The header <c>ticket,opened,closed,requester,target,kind,state,approver</c> needs no mapping:
/// times are ISO 8601 with an offset, kind is a reset kind's wire name, approvers are separated by ';'. Any other
/// header needs a <see cref="TicketMapping"/>. Locations are file:line, the line a record starts on.
/// </summary>
public sealed class CsvTicketSource(TicketMapping? mapping = null) : ITicketSource
{
    public string Name => mapping?.System ?? "csv";

    public bool Recognises(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF');
        var firstLine = text.Split('\n', 2)[0].TrimEnd('\r');
        if (mapping is null)
        {
            return firstLine == string.Join(',', TicketField.Canonical);
        }

        var header = firstLine.Split(mapping.Delimiter).Select(h => h.Trim().Trim('"'));
        return mapping.Columns.Keys.All(c => header.Contains(c, StringComparer.OrdinalIgnoreCase));
    }

    public IEnumerable<TicketReadResult> Read(Stream input, string fileName)
    {
        using var rows = CsvRecords.Open(input, mapping?.Delimiter ?? ',').Rows().GetEnumerator();
        if (!rows.MoveNext())
        {
            yield break;
        }

        var header = rows.Current;
        var columns = Columns(header.Fields, out var headerProblem);
        if (header.Error is not null || headerProblem is not null)
        {
            yield return TicketReadResult.Bad($"{fileName}:{header.Line}", header.Error ?? headerProblem!);
            yield break;
        }

        while (rows.MoveNext())
        {
            var row = rows.Current;
            var location = $"{fileName}:{row.Line}";
            if (row.Error is not null)
            {
                yield return TicketReadResult.Bad(location, row.Error);
            }
            else if (row.Fields.Count != header.Fields.Count)
            {
                yield return TicketReadResult.Bad(location, $"{row.Fields.Count} fields where the header has {header.Fields.Count}");
            }
            else
            {
                yield return Map(row, columns, location);
            }
        }
    }

    /// <summary>Field name → column index, from the canonical header or through the mapping.</summary>
    private Dictionary<string, int> Columns(IReadOnlyList<string> header, out string? problem)
    {
        problem = null;
        var names = header.Select(h => h.Trim()).ToList();
        if (mapping is null)
        {
            if (!names.SequenceEqual(TicketField.Canonical, StringComparer.Ordinal))
            {
                problem = $"the header is not '{string.Join(',', TicketField.Canonical)}': give a mapping file naming which column holds which field";
            }

            return TicketField.Canonical.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
        }

        var missing = mapping.Columns.Keys.Where(c => !names.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            problem = $"the mapping names columns this header lacks: {string.Join(", ", missing.Select(m => $"'{m}'"))}";
        }

        return mapping.Columns
            .Where(c => !missing.Contains(c.Key))
            .ToDictionary(c => c.Value, c => names.FindIndex(n => string.Equals(n, c.Key, StringComparison.OrdinalIgnoreCase)), StringComparer.Ordinal);
    }

    private TicketReadResult Map(CsvRow row, Dictionary<string, int> columns, string location)
    {
        string? Get(string field) =>
            columns.TryGetValue(field, out var i) && row.Fields[i].Trim() is { Length: > 0 } v ? v : null;

        var errors = new List<string>();
        var key = Get(TicketField.Ticket);
        if (key is null)
        {
            errors.Add("ticket: empty; every ticket needs its number");
        }

        var opened = Time(Get(TicketField.Opened), TicketField.Opened, errors);
        var closed = Time(Get(TicketField.Closed), TicketField.Closed, errors);
        var approvedAt = Time(Get(TicketField.ApprovedAt), TicketField.ApprovedAt, errors);
        var kindText = Get(TicketField.Kind);
        var kind = Kind(kindText, errors);
        if (errors.Count > 0)
        {
            return TicketReadResult.Bad(location, key is null ? string.Join("; ", errors) : $"{key}: {string.Join("; ", errors)}");
        }

        return TicketReadResult.Of(new TicketRecord
        {
            System = Name,
            Key = key!,
            Opened = opened,
            Closed = closed,
            Requester = Get(TicketField.Requester),
            Target = Get(TicketField.Target),
            Kind = kind,
            KindText = kindText,
            State = Get(TicketField.State),
            Approvers = Get(TicketField.Approver)?.Split(mapping?.ApproverSeparator ?? ";", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            ApprovedAt = approvedAt,
            ThirdParty = Get(TicketField.ThirdParty),
            Location = location,
        });
    }

    private ResetKind? Kind(string? text, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (mapping is not null)
        {
            // A mapped export may list tickets that are not resets; those keep their text and have no kind.
            return mapping.Kinds.Find(text);
        }

        if (WireName.TryParse<ResetKind>(text, out var kind))
        {
            return kind;
        }

        errors.Add($"kind: '{text}' is not a reset kind ({string.Join(", ", WireName.All<ResetKind>())})");
        return null;
    }

    private DateTimeOffset? Time(string? text, string field, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (mapping?.TimeFormat is { } format)
        {
            if (TicketTime.TryParse(text, format, mapping.TimeZone, out var local))
            {
                return local;
            }

            errors.Add($"{field}: '{text}' does not match the time format '{format}'");
            return null;
        }

        if (TicketTime.TryParseIso(text, out var time))
        {
            return time;
        }

        errors.Add($"{field}: '{text}' is not an ISO 8601 time with an offset (2024-03-04T09:15:00Z)");
        return null;
    }
}
