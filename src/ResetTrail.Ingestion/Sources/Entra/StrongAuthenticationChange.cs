using System.Text.Json;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Ingestion.Sources.Entra;

/// <summary>
/// "Update user" is also how Entra records per-user MFA changes: the StrongAuthenticationMethod property lists the
/// registered methods ([{"MethodType":7,"Default":true}]) and StrongAuthenticationRequirement the per-user MFA state.
/// Fewer methods, or a requirement cleared, is a factor disabled; more, or a requirement set, is a factor enabled.
/// </summary>
internal static class StrongAuthenticationChange
{
    public sealed record Property(string Name, string? OldValue, string? NewValue);

    public static (ChangeKind Kind, string? FactorType)? Of(IEnumerable<Property> properties)
    {
        foreach (var p in properties)
        {
            if (p.Name.Equals("StrongAuthenticationMethod", StringComparison.OrdinalIgnoreCase))
            {
                var before = MethodTypes(p.OldValue);
                var after = MethodTypes(p.NewValue);
                if (after.Count < before.Count)
                {
                    return (ChangeKind.MfaFactorDisabled, Describe(before.Except(after)));
                }

                if (after.Count > before.Count)
                {
                    return (ChangeKind.MfaFactorEnabled, Describe(after.Except(before)));
                }
            }
            else if (p.Name.Equals("StrongAuthenticationRequirement", StringComparison.OrdinalIgnoreCase))
            {
                var before = Count(p.OldValue);
                var after = Count(p.NewValue);
                if (after < before)
                {
                    return (ChangeKind.MfaFactorDisabled, null);
                }

                if (after > before)
                {
                    return (ChangeKind.MfaFactorEnabled, null);
                }
            }
        }

        return null;
    }

    private static string? Describe(IEnumerable<string> methodTypes) =>
        methodTypes.ToList() is { Count: > 0 } list ? "MethodType " + string.Join(",", list) : null;

    private static List<string> MethodTypes(string? json) =>
        [.. Parse(json, root => root.ValueKind == JsonValueKind.Array
            ? root.EnumerateArray().Select(m => MethodType(m)).ToList()
            : [])];

    private static string MethodType(JsonElement method) =>
        method.ValueKind == JsonValueKind.Object && method.TryGetProperty("MethodType", out var t) ? t.GetRawText() : method.GetRawText();

    private static int Count(string? json) =>
        Parse(json, root => root.ValueKind switch
        {
            JsonValueKind.Array => [.. root.EnumerateArray().Select(_ => "")],
            JsonValueKind.Null or JsonValueKind.Undefined => [],
            _ => [""],
        }).Count;

    private static List<string> Parse(string? json, Func<JsonElement, List<string>> read)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var doc = JsonDocument.Parse(json);

            // Graph wraps the value once more as a JSON string ("\"[...]\"").
            if (doc.RootElement.ValueKind == JsonValueKind.String)
            {
                return Parse(doc.RootElement.GetString(), read);
            }

            return read(doc.RootElement);
        }
        catch (JsonException)
        {
            return [json];
        }
    }
}
