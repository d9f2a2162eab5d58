using System.Text.Json;
using ResetTrail.Core;
using ResetTrail.Core.Cases;
using ResetTrail.Ingestion.Sources;

namespace ResetTrail.Ingestion.Tickets;

/// <summary>
/// Reads a mapping file with Utf8JsonReader rather than a serializer so that every error can name its line.
/// Comments and trailing commas are allowed: people write these files by hand.
/// </summary>
internal static class TicketMappingLoader
{
    private const int MaxBytes = 1 << 20;

    public static TicketMappingLoad Load(Stream input, string fileName)
    {
        using var memory = new MemoryStream();
        input.CopyTo(memory);
        var bytes = memory.ToArray();
        var problems = new List<RecordProblem>();
        if (bytes.Length > MaxBytes)
        {
            return new TicketMappingLoad(null, [new RecordProblem(fileName, "a mapping file is at most 1 MB")]);
        }

        var json = bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        try
        {
            var mapping = Parse(json, fileName, problems);
            return new TicketMappingLoad(problems.Count == 0 ? mapping : null, problems);
        }
        catch (JsonException e)
        {
            return new TicketMappingLoad(null, [new RecordProblem($"{fileName}:{(e.LineNumber ?? 0) + 1}", $"not valid JSON: {e.Message}")]);
        }
    }

    private static TicketMapping Parse(byte[] json, string fileName, List<RecordProblem> problems)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        string At(ref Utf8JsonReader r) => $"{fileName}:{json.AsSpan(0, (int)r.TokenStartIndex).Count((byte)'\n') + 1}";
        void Problem(string at, string message) => problems.Add(new RecordProblem(at, message));

        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Problem(At(ref reader), "a mapping is a JSON object");
            return new TicketMapping { Columns = new Dictionary<string, string>() };
        }

        var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var kinds = new List<KeyValuePair<string, ResetKind>>();
        var mapping = new TicketMapping { Columns = columns };
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            var keyAt = At(ref reader);
            reader.Read();
            switch (key)
            {
                case "columns" or "kinds" when reader.TokenType == JsonTokenType.StartObject:
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var name = reader.GetString()!;
                        var at = At(ref reader);
                        reader.Read();
                        var value = reader.TokenType == JsonTokenType.String ? reader.GetString()! : null;
                        if (value is null)
                        {
                            Problem(at, $"{key}.\"{name}\": the value must be a string");
                            reader.Skip();
                        }
                        else if (key == "columns")
                        {
                            AddColumn(columns, name, value, at, Problem);
                        }
                        else if (WireName.TryParse<ResetKind>(value, out var kind))
                        {
                            kinds.Add(new(name, kind));
                        }
                        else
                        {
                            Problem(at, $"kinds.\"{name}\": '{value}' is not a reset kind ({string.Join(", ", WireName.All<ResetKind>())})");
                        }
                    }

                    break;
                case "name" or "delimiter" or "time_format" or "time_zone" or "approver_separator"
                    when reader.TokenType == JsonTokenType.String:
                    mapping = Scalar(mapping, key, reader.GetString()!, keyAt, Problem);
                    break;
                case "columns" or "kinds" or "name" or "delimiter" or "time_format" or "time_zone" or "approver_separator":
                    Problem(keyAt, $"{key}: expected {(key is "columns" or "kinds" ? "an object" : "a string")}, found {reader.TokenType}");
                    reader.Skip();
                    break;
                default:
                    Problem(keyAt, $"{key}: unknown key; a mapping has name, delimiter, columns, time_format, time_zone, approver_separator, kinds");
                    reader.Skip();
                    break;
            }
        }

        if (!columns.ContainsValue(TicketField.Ticket))
        {
            Problem(fileName, "columns: no column is mapped to ticket; every ticket needs its number");
        }

        return mapping with { Kinds = TicketKindMap.Default.With(kinds) };
    }

    private static void AddColumn(Dictionary<string, string> columns, string column, string field, string at, Action<string, string> problem)
    {
        if (!TicketField.All.Contains(field, StringComparer.Ordinal))
        {
            problem(at, $"columns.\"{column}\": unknown field '{field}'; fields are {string.Join(", ", TicketField.All)}");
        }
        else if (columns.ContainsValue(field))
        {
            problem(at, $"columns.\"{column}\": field '{field}' is already given to column '{columns.First(c => c.Value == field).Key}'");
        }
        else if (!columns.TryAdd(column, field))
        {
            problem(at, $"columns.\"{column}\": the column is mapped twice");
        }
    }

    private static TicketMapping Scalar(TicketMapping mapping, string key, string value, string at, Action<string, string> problem)
    {
        switch (key)
        {
            case "name" when value.Length > 0:
                return mapping with { System = value };
            case "delimiter" when value is [var c] && c is not '"' and not '\r' and not '\n':
                return mapping with { Delimiter = c };
            case "delimiter":
                problem(at, $"delimiter: '{value}' is not one character (',', ';', '\\t', '|')");
                return mapping;
            case "time_format" when IsUsableFormat(value):
                return mapping with { TimeFormat = value };
            case "time_format":
                problem(at, $"time_format: '{value}' is not a .NET custom date format with a year, month, day and hour");
                return mapping;
            case "time_zone" when TryFindZone(value, out var zone):
                return mapping with { TimeZone = zone };
            case "time_zone":
                problem(at, $"time_zone: '{value}' is not an IANA time zone (Europe/London, America/New_York, UTC)");
                return mapping;
            case "approver_separator" when value.Length > 0:
                return mapping with { ApproverSeparator = value };
            default:
                problem(at, $"{key}: must not be empty");
                return mapping;
        }
    }

    private static bool IsUsableFormat(string format) =>
        format.Contains("yy", StringComparison.Ordinal) && format.Contains('M', StringComparison.Ordinal)
        && format.Contains('d', StringComparison.Ordinal) && (format.Contains('H', StringComparison.Ordinal) || format.Contains('h', StringComparison.Ordinal));

    private static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
