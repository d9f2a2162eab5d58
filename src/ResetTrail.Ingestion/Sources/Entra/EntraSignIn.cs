using System.Text.Json;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources.JsonRecords;

namespace ResetTrail.Ingestion.Sources.Entra;

/// <summary>A signIn (https://learn.microsoft.com/graph/api/resources/signin), from Graph or from diagnostic settings.</summary>
internal static class EntraSignIn
{
    public static SourceRecord Map(JsonElement e, JsonElement body, string location)
    {
        var id = body.Str("id");
        var timeText = body.Str("createdDateTime") ?? e.Str("time") ?? e.Str("TimeGenerated");
        if (EntraRecord.IsMissing(id, timeText))
        {
            return EntraRecord.Bad(location, "sign-in", ("id", id), ("createdDateTime", timeText));
        }

        if (!LogTime.TryParse(timeText, out var time))
        {
            return EntraRecord.BadTime(location, timeText);
        }

        // status.errorCode (Graph) or resultType (diagnostic settings): 0 is success, anything else a failure.
        var code = body.Get("status").Str("errorCode") ?? e.Str("resultType") ?? body.Str("resultType");
        var principal = SignedIn(body);
        return SourceRecord.Of(new IdentityEvent
        {
            Source = "entra",
            SourceEventId = id!,
            SourceEventType = e.Str("operationName") ?? "Sign-in activity",
            Time = time,
            Kind = ChangeKind.SignIn,
            Success = code is null || code == "0",
            Target = principal,
            Actor = principal,
            SourceIp = body.Str("ipAddress") ?? e.Str("callerIpAddress"),
            Country = body.Get("location").Str("countryOrRegion") ?? e.Str("location"),
            UserAgent = body.Str("userAgent"),
            Risk = Risk(body),
            ProductName = EntraRecord.ProductName,
            VendorName = EntraRecord.VendorName,
            Location = location,
        });
    }

    // A risk an administrator dismissed or remediated is no longer a risk (riskState, Graph signIn resource).
    private static string? Risk(JsonElement body)
    {
        var level = body.Str("riskLevelDuringSignIn") ?? body.Str("riskLevelAggregated");
        var state = body.Str("riskState");
        return level is null or "none" or "hidden" || state is "dismissed" or "remediated" ? null : level;
    }

    private static EventParty SignedIn(JsonElement body) =>
        body.Str("userId") is null && body.Str("userPrincipalName") is null && body.Str("servicePrincipalId") is not null
            ? new EventParty(body.Str("servicePrincipalId"), body.Str("servicePrincipalName")) { Type = "ServicePrincipal" }
            : new EventParty(body.Str("userId"), body.Str("userPrincipalName")) { DisplayName = body.Str("userDisplayName"), Type = "User" };
}
