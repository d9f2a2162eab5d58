using System.Text.Json;
using ResetTrail.Ingestion.Sources;
using ResetTrail.Ingestion.Tickets;

namespace ResetTrail.Ingestion.Identities;

/// <summary>A person read from a file, or the problem with that record.</summary>
internal sealed record IdentityRecord(Person? Person, RecordProblem? Problem);

/// <summary>Reads the records of an identities file (columns in <see cref="IdentityColumn"/>) into people.</summary>
internal static class IdentityRecords
{
    public static IEnumerable<IdentityRecord> FromCsv(Stream input, string fileName)
    {
        using var rows = CsvRecords.Open(input).Rows().GetEnumerator();
        if (!rows.MoveNext())
        {
            yield break;
        }

        var header = rows.Current.Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var unknown = header.Where(h => !IdentityColumn.All.Contains(h, StringComparer.Ordinal)).ToList();
        if (rows.Current.Error is not null || unknown.Count > 0 || !header.Intersect(IdentityColumn.Identifying).Any())
        {
            yield return Bad($"{fileName}:{rows.Current.Line}", rows.Current.Error
                ?? (unknown.Count > 0
                    ? $"unknown columns {string.Join(", ", unknown)}; the columns are {string.Join(", ", IdentityColumn.All)}"
                    : "no identifier column; give at least one of " + string.Join(", ", IdentityColumn.Identifying)));
            yield break;
        }

        while (rows.MoveNext())
        {
            var row = rows.Current;
            var location = $"{fileName}:{row.Line}";
            if (row.Error is not null || row.Fields.Count != header.Count)
            {
                yield return Bad(location, row.Error ?? $"{row.Fields.Count} fields where the header has {header.Count}");
                continue;
            }

            var values = header.Select((column, i) => (column, i)).ToDictionary(
                c => c.column,
                c => IdentityColumn.MultiValued.Contains(c.column)
                    ? row.Fields[c.i].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : row.Fields[c.i].Trim() is { Length: > 0 } v ? [v] : (IReadOnlyList<string>)[]);
            yield return ToPerson(values, location);
        }
    }

    public static IEnumerable<IdentityRecord> FromJson(Stream input, string fileName) =>
        JsonRecordReader.ReadAll(input, fileName, ["people", "users", "value"], ToPerson, Bad);

    private static IdentityRecord ToPerson(JsonElement element, string location) =>
        ToValues(element, out var values) is { } problem ? Bad(location, problem) : ToPerson(values, location);

    private static string? ToValues(JsonElement element, out Dictionary<string, IReadOnlyList<string>> values)
    {
        values = [];
        if (element.ValueKind != JsonValueKind.Object)
        {
            return $"a person is a JSON object, not {element.ValueKind}";
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!IdentityColumn.All.Contains(property.Name, StringComparer.Ordinal))
            {
                return $"{property.Name}: unknown key; the keys are {string.Join(", ", IdentityColumn.All)}";
            }

            var v = property.Value;
            if (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String))
            {
                values[property.Name] = [.. v.EnumerateArray().Select(i => i.GetString()!.Trim()).Where(s => s.Length > 0)];
            }
            else if (v.ValueKind == JsonValueKind.String)
            {
                values[property.Name] = v.GetString()!.Trim() is { Length: > 0 } s ? [s] : [];
            }
            else if (v.ValueKind != JsonValueKind.Null)
            {
                return $"{property.Name}: expected a string or an array of strings, found {v.ValueKind}";
            }
        }

        return null;
    }

    private static IdentityRecord ToPerson(Dictionary<string, IReadOnlyList<string>> values, string location)
    {
        IReadOnlyList<string> All(string column) => values.GetValueOrDefault(column) ?? [];
        string? One(string column) => All(column) is [var single, ..] ? single : null;

        var errors = new List<string>();
        foreach (var column in IdentityColumn.All.Except(IdentityColumn.MultiValued))
        {
            if (All(column).Count > 1)
            {
                errors.Add($"{column}: one value expected, found {All(column).Count}");
            }
        }

        if (One(IdentityColumn.AdAccount) is { } ad && ad.Split('\\') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            errors.Add($"{IdentityColumn.AdAccount}: '{ad}' is not DOMAIN\\sAMAccountName");
        }

        if (One(IdentityColumn.AdSid) is { } sid && !sid.StartsWith("S-1-", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{IdentityColumn.AdSid}: '{sid}' is not a SID (S-1-5-21-...)");
        }

        if (One(IdentityColumn.EntraObjectId) is { } oid && !Guid.TryParse(oid, out _))
        {
            errors.Add($"{IdentityColumn.EntraObjectId}: '{oid}' is not a GUID");
        }

        foreach (var email in All(IdentityColumn.Email).Append(One(IdentityColumn.GoogleAddress)).OfType<string>().Where(e => !e.Contains('@', StringComparison.Ordinal)))
        {
            errors.Add($"'{email}' is not an e-mail address");
        }

        var identifiers = IdentityColumn.Identifying.SelectMany(All).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (identifiers.Count == 0)
        {
            errors.Add("no identifier; give at least one of " + string.Join(", ", IdentityColumn.Identifying));
        }

        if (errors.Count > 0)
        {
            return Bad(location, string.Join("; ", errors));
        }

        return new IdentityRecord(
            new Person
            {
                Id = One(IdentityColumn.PersonId) ?? identifiers[0],
                DisplayName = One(IdentityColumn.DisplayName),
                Identifiers = identifiers,
                Emails = All(IdentityColumn.Email),
                OktaLogin = One(IdentityColumn.OktaLogin),
                EntraUpn = One(IdentityColumn.EntraUpn),
                EntraObjectId = One(IdentityColumn.EntraObjectId),
                AdAccount = One(IdentityColumn.AdAccount),
                AdSid = One(IdentityColumn.AdSid),
                GoogleAddress = One(IdentityColumn.GoogleAddress),
                Groups = All(IdentityColumn.Groups),
                Roles = All(IdentityColumn.Roles),
                Manager = One(IdentityColumn.Manager),
                Location = location,
            },
            null);
    }

    private static IdentityRecord Bad(string location, string message) => new(null, new RecordProblem(location, message));
}
