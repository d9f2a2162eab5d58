using System.Text.Json;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources.JsonRecords;

namespace ResetTrail.Ingestion.Sources.Entra;

/// <summary>
/// A directoryAudit (https://learn.microsoft.com/graph/api/resources/directoryaudit), from Graph, from diagnostic
/// settings (inside properties) or from Log Analytics (flat, InitiatedBy and TargetResources as JSON strings).
/// </summary>
internal static class EntraAudit
{
    public static SourceRecord Map(JsonElement e, JsonElement body, string location)
    {
        var id = body.Str("id");
        var activity = body.Str("activityDisplayName") ?? e.Str("operationName") ?? body.Str("operationName") ?? body.Str("title");
        var timeText = body.Str("activityDateTime") ?? e.Str("time") ?? e.Str("TimeGenerated") ?? body.Str("createdDateTime");
        if (EntraRecord.IsMissing(id, activity, timeText))
        {
            return EntraRecord.Bad(location, "audit", ("id", id), ("activityDisplayName", activity), ("activityDateTime", timeText));
        }

        if (!LogTime.TryParse(timeText, out var time))
        {
            return EntraRecord.BadTime(location, timeText);
        }

        var targets = body.Get("targetResources").Embedded().Items().ToList();
        var userTarget = targets.FirstOrDefault(t => string.Equals(t.Str("type"), "User", StringComparison.OrdinalIgnoreCase));
        var target = userTarget.ValueKind == JsonValueKind.Object ? userTarget : targets.FirstOrDefault();

        var resultReason = body.Str("resultReason");
        var kind = EntraOperations.Of(activity!, resultReason);
        string? factorType = kind is ChangeKind.MfaFactorEnabled or ChangeKind.MfaFactorDisabled or ChangeKind.TemporaryAccessPassIssued
            ? resultReason : null;
        if (activity == "Update user"
            && StrongAuthenticationChange.Of(targets.SelectMany(ModifiedProperties)) is { } mfa)
        {
            (kind, factorType) = mfa;
        }

        var initiatedBy = body.Get("initiatedBy").Embedded();
        var user = initiatedBy.Get("user");
        return SourceRecord.Of(new IdentityEvent
        {
            Source = "entra",
            SourceEventId = id!,
            SourceEventType = activity!,
            Time = time,
            Kind = kind,
            Success = Succeeded(body.Str("result")),
            Target = Party(target),
            Actor = user.ValueKind == JsonValueKind.Object ? UserParty(user) : AppParty(initiatedBy.Get("app")),
            SourceIp = user.Str("ipAddress") ?? e.Str("callerIpAddress") ?? Detail(body, "ipaddr"),
            FactorType = factorType,
            Role = kind == ChangeKind.RoleGranted ? RoleName(targets) : null,
            ProductName = EntraRecord.ProductName,
            VendorName = EntraRecord.VendorName,
            Location = location,
        });
    }

    // operationResult: success, failure, timeout, unknownFutureValue; absent means Entra did not say.
    private static bool Succeeded(string? result) => result is null || result.Equals("success", StringComparison.OrdinalIgnoreCase);

    private static EventParty UserParty(JsonElement user) =>
        new(user.Str("id"), user.Str("userPrincipalName")) { DisplayName = user.Str("displayName"), Type = "User" };

    private static EventParty? AppParty(JsonElement app) => app.ValueKind != JsonValueKind.Object ? null
        : new EventParty(app.Str("servicePrincipalId") ?? app.Str("appId"), app.Str("servicePrincipalName") ?? app.Str("displayName"))
        {
            DisplayName = app.Str("displayName"),
            Type = "ServicePrincipal",
        };

    private static EventParty Party(JsonElement target) => target.ValueKind != JsonValueKind.Object ? new EventParty(null, null)
        : new EventParty(target.Str("id"), target.Str("userPrincipalName"))
        {
            DisplayName = target.Str("displayName"),
            Type = target.Str("type"),
        };

    private static IEnumerable<StrongAuthenticationChange.Property> ModifiedProperties(JsonElement target) =>
        target.Get("modifiedProperties").Items()
            .Where(p => p.Str("displayName") is not null)
            .Select(p => new StrongAuthenticationChange.Property(p.Str("displayName")!, p.Str("oldValue"), p.Str("newValue")));

    // PIM names the role as a Role target; "Add member to role" as the Role.DisplayName modified property.
    private static string? RoleName(List<JsonElement> targets) =>
        targets.Where(t => string.Equals(t.Str("type"), "Role", StringComparison.OrdinalIgnoreCase)).Select(t => t.Str("displayName")).FirstOrDefault()
        ?? targets.SelectMany(ModifiedProperties).Where(p => p.Name == "Role.DisplayName").Select(p => p.NewValue?.Trim('"')).FirstOrDefault();

    private static string? Detail(JsonElement body, string key) =>
        body.Get("additionalDetails").Items().Where(d => d.Str("key") == key).Select(d => d.Str("value")).FirstOrDefault();
}
