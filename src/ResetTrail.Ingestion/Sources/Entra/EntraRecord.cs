using System.Text.Json;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources.JsonRecords;

namespace ResetTrail.Ingestion.Sources.Entra;

/// <summary>Tells the Entra record shapes apart and hands each to its reader.</summary>
internal static class EntraRecord
{
    public const string ProductName = "Microsoft Entra ID";
    public const string VendorName = "Microsoft";

    public static IEnumerable<SourceRecord> Map(JsonElement e, string location)
    {
        yield return MapOne(e, location);
    }

    private static SourceRecord MapOne(JsonElement e, string location)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return SourceRecord.Bad(location, $"expected an Entra record object, found {e.ValueKind}");
        }

        if (e.Str("Operation") is not null && (e.Str("Workload") is not null || e.Str("RecordType") is not null))
        {
            return Office365Record.Map(e, location);
        }

        // Diagnostic settings nest the Graph-shaped record in properties; Log Analytics rows are flat.
        var body = e.Get("properties").Embedded();
        if (body.ValueKind != JsonValueKind.Object)
        {
            body = e;
        }

        var category = e.Str("category");
        var isSignIn = (category is not null && category.EndsWith("SignInLogs", StringComparison.OrdinalIgnoreCase))
            || string.Equals(e.Str("operationName"), "Sign-in activity", StringComparison.OrdinalIgnoreCase)
            || (body.Str("activityDisplayName") is null && body.Str("createdDateTime") is not null
                && body.Get("status").ValueKind == JsonValueKind.Object);
        return isSignIn ? EntraSignIn.Map(e, body, location) : EntraAudit.Map(e, body, location);
    }

    public static SourceRecord Bad(string location, string what, params (string Field, string? Value)[] fields)
    {
        var missing = string.Join(", ", fields.Where(f => f.Value is null).Select(f => f.Field));
        return SourceRecord.Bad(location, $"not an Entra {what} record: no {missing}");
    }

    public static bool IsMissing(params string?[] values) => values.Any(v => v is null);

    public static SourceRecord BadTime(string location, string? text) =>
        SourceRecord.Bad(location, $"time is not a time: \"{text}\"");
}
