using System.Text.Json;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources.JsonRecords;

namespace ResetTrail.Ingestion.Sources.Okta;

/// <summary>One Okta LogEvent (https://developer.okta.com/docs/reference/api/system-log/#logevent-object) as an event.</summary>
internal static class OktaRecord
{
    public const string ProductName = "Okta System Log";
    public const string VendorName = "Okta";

    public static IEnumerable<SourceRecord> Map(JsonElement e, string location)
    {
        yield return MapOne(e, location);
    }

    private static SourceRecord MapOne(JsonElement e, string location)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return SourceRecord.Bad(location, $"expected an Okta LogEvent object, found {e.ValueKind}");
        }

        var eventType = e.Str("eventType");
        var uuid = e.Str("uuid");
        var published = e.Str("published");
        if (eventType is null || uuid is null || published is null)
        {
            return SourceRecord.Bad(location, $"not an Okta LogEvent: no {Missing(eventType, uuid, published)}");
        }

        if (!LogTime.TryParse(published, out var time))
        {
            return SourceRecord.Bad(location, $"published is not a time: \"{published}\"");
        }

        var actorElement = e.Get("actor");
        var actor = actorElement.ValueKind == JsonValueKind.Object ? Party(actorElement) : null;
        var targets = e.Get("target");
        var (userTarget, firstTarget, enrollment) = Targets(targets);

        // Without a User target the event is about its actor (sign-ins, self-service, locks) or its first target.
        var target = userTarget.ValueKind == JsonValueKind.Object ? Party(userTarget)
            : firstTarget.ValueKind != JsonValueKind.Undefined ? Party(firstTarget)
            : actor ?? new EventParty(null, null);

        var kind = OktaEventKinds.IsPasswordEvent(eventType!)
            ? (IsSelf(actor, target) ? ChangeKind.PasswordChange : ChangeKind.PasswordReset)
            : OktaEventKinds.Of(eventType!);

        var client = e.Get("client");
        var debugData = e.Get("debugContext", "debugData");
        return SourceRecord.Of(new IdentityEvent
        {
            Source = "okta",
            SourceEventId = uuid!,
            SourceEventType = eventType!,
            Time = time,
            Kind = kind,
            Success = Succeeded(e.Get("outcome").Str("result")),
            Target = target,
            Actor = actor,
            SourceIp = client.Str("ipAddress"),
            Country = client.Get("geographicalContext").Str("country"),
            UserAgent = client.Get("userAgent").Str("rawUserAgent"),
            FactorType = debugData.Str("factor") ?? debugData.Str("factorType") ?? enrollment.Str("displayName"),
            Role = kind == ChangeKind.RoleGranted ? debugData.Str("privilegeGranted") : null,
            TransactionId = e.Get("transaction").Str("id"),
            SessionId = e.Get("authenticationContext").Str("externalSessionId"),
            Risk = Risk(debugData.Str("risk")),
            ProductName = ProductName,
            VendorName = VendorName,
            Location = location,
        });
    }

    // debugData.risk reads "{level=HIGH, reasons=...}" (Okta's risk scoring); LOW is not a risk worth an alert's join.
    private static string? Risk(string? risk) =>
        risk is null ? null
        : risk.Contains("level=HIGH", StringComparison.OrdinalIgnoreCase) ? "high"
        : risk.Contains("level=MEDIUM", StringComparison.OrdinalIgnoreCase) ? "medium"
        : null;

    // outcome.result is SUCCESS, FAILURE, SKIPPED, ALLOW, DENY, CHALLENGE or UNKNOWN; absent means Okta did not say.
    private static bool Succeeded(string? result) =>
        result is null || result.Equals("SUCCESS", StringComparison.OrdinalIgnoreCase)
        || result.Equals("ALLOW", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The actor exactly as Okta names it: system@okta.com and Okta support are third parties, and the reconciler,
    /// not the parser, decides what that means.
    /// </summary>
    private static EventParty Party(JsonElement p)
    {
        var alternateId = p.Str("alternateId");
        return new EventParty(p.Str("id"), alternateId)
        {
            Email = alternateId is not null && alternateId.Contains('@', StringComparison.Ordinal) ? alternateId : null,
            DisplayName = p.Str("displayName"),
            Type = p.Str("type"),
        };
    }

    private static bool IsSelf(EventParty? actor, EventParty target) =>
        actor is not null
        && ((actor.Uid is not null && actor.Uid == target.Uid)
            || (actor.Name is not null && string.Equals(actor.Name, target.Name, StringComparison.OrdinalIgnoreCase)));

    private static string Missing(string? eventType, string? uuid, string? published)
    {
        List<string> missing = [];
        if (eventType is null)
        {
            missing.Add("eventType");
        }

        if (uuid is null)
        {
            missing.Add("uuid");
        }

        if (published is null)
        {
            missing.Add("published");
        }

        return string.Join(", ", missing);
    }

    /// <summary>
    /// The first User target, the first target of any type, and the first AuthenticatorEnrollment target (Identity
    /// Engine names the factor that way: "Okta Verify", "Phone"), in one pass.
    /// </summary>
    private static (JsonElement User, JsonElement First, JsonElement Enrollment) Targets(JsonElement targets)
    {
        JsonElement user = default, first = default, enrollment = default;
        if (targets.ValueKind != JsonValueKind.Array)
        {
            return (user, first, enrollment);
        }

        foreach (var t in targets.EnumerateArray())
        {
            if (first.ValueKind == JsonValueKind.Undefined)
            {
                first = t;
            }

            var type = t.Str("type");
            if (user.ValueKind == JsonValueKind.Undefined && string.Equals(type, "User", StringComparison.OrdinalIgnoreCase))
            {
                user = t;
            }
            else if (enrollment.ValueKind == JsonValueKind.Undefined && string.Equals(type, "AuthenticatorEnrollment", StringComparison.OrdinalIgnoreCase))
            {
                enrollment = t;
            }
        }

        return (user, first, enrollment);
    }
}
