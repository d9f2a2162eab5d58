using System.Text.Json;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources.JsonRecords;

namespace ResetTrail.Ingestion.Sources.Entra;

/// <summary>
/// An Office 365 Management Activity record of the AzureActiveDirectory workload
/// (https://learn.microsoft.com/office/office-365-management-api/office-365-management-activity-api-schema).
/// Actor and Target are lists of identifiers with a type; ObjectId names the changed object (a UPN for users).
/// </summary>
internal static class Office365Record
{
    private static readonly string[] TypeWords = ["User", "ServicePrincipal", "Group", "Application", "Device"];

    public static SourceRecord Map(JsonElement e, string location)
    {
        var id = e.Str("Id");
        var operation = e.Str("Operation");
        var timeText = e.Str("CreationTime");
        if (EntraRecord.IsMissing(id, timeText))
        {
            return EntraRecord.Bad(location, "Office 365", ("Id", id), ("CreationTime", timeText));
        }

        if (!LogTime.TryParse(timeText, out var time))
        {
            return EntraRecord.BadTime(location, timeText);
        }

        var activity = operation!.TrimEnd('.');
        var kind = EntraOperations.Of(activity, null);
        string? factorType = null;
        if (activity == "Update user" && StrongAuthenticationChange.Of(ModifiedProperties(e)) is { } mfa)
        {
            (kind, factorType) = mfa;
        }

        var userKey = e.Str("UserKey") is { } k && k != "Not Available" ? k : null;
        var actor = new EventParty(ObjectId(e.Get("Actor")) ?? userKey, e.Str("UserId"))
        {
            DisplayName = e.Get("Actor").Items().Where(a => a.Str("Type") == "1").Select(a => a.Str("ID")).FirstOrDefault(),
        };
        var isSignIn = kind == ChangeKind.SignIn;
        return SourceRecord.Of(new IdentityEvent
        {
            Source = "entra",
            SourceEventId = id!,
            SourceEventType = operation,
            Time = time,
            Kind = kind,
            Success = operation != "UserLoginFailed" && Succeeded(e.Str("ResultStatus")),
            Target = isSignIn ? actor : new EventParty(ObjectId(e.Get("Target")), e.Str("ObjectId")),
            Actor = actor,
            SourceIp = e.Str("ActorIpAddress") ?? e.Str("ClientIP"),
            UserAgent = Extended(e, "UserAgent"),
            FactorType = factorType,
            ProductName = EntraRecord.ProductName,
            VendorName = EntraRecord.VendorName,
            Location = location,
        });
    }

    private static bool Succeeded(string? status) =>
        status is null || status is "Success" or "Succeeded" or "True" or "PartiallySucceeded";

    // Type 2 entries hold object ids, prefixed ones ("User_<id>") and bare type words alike: take a bare id.
    private static string? ObjectId(JsonElement list) =>
        list.Items().Where(a => a.Str("Type") == "2").Select(a => a.Str("ID"))
            .FirstOrDefault(v => v is not null && !v.Contains('_', StringComparison.Ordinal) && !TypeWords.Contains(v));

    private static IEnumerable<StrongAuthenticationChange.Property> ModifiedProperties(JsonElement e) =>
        e.Get("ModifiedProperties").Items()
            .Where(p => p.Str("Name") is not null)
            .Select(p => new StrongAuthenticationChange.Property(p.Str("Name")!, p.Str("OldValue"), p.Str("NewValue")));

    private static string? Extended(JsonElement e, string name) =>
        e.Get("ExtendedProperties").Items().Where(p => p.Str("Name") == name).Select(p => p.Str("Value")).FirstOrDefault();
}
