using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using ResetTrail.Core.Cases;

namespace ResetTrail.Core.Policy;

/// <summary>
/// A decision as it is written into evidence (inside case.opened) and read back by the workflow and by
/// offline bundle verification. Enums use their wire names; durations are ISO 8601 (PT4H).
/// </summary>
public static class PolicyDecisionJson
{
    public static JsonObject ToJson(PolicyDecision d) => new()
    {
        ["policy_hash"] = d.PolicyHash,
        ["policy_version"] = d.PolicyVersion,
        ["tier"] = WireName.Of(d.Tier),
        ["kind"] = WireName.Of(d.Kind),
        ["channel"] = WireName.Of(d.Channel),
        ["initiator"] = WireName.Of(d.Initiator),
        ["rule"] = d.RuleId,
        ["rule_line"] = d.RuleLine,
        ["allowed"] = d.Allowed,
        ["verification"] = new JsonObject
        {
            ["methods"] = new JsonArray([.. d.Verification.AcceptedMethods.Select(m => (JsonNode)WireName.Of(m))]),
            ["min_strength"] = d.Verification.MinimumStrength,
            ["strengths"] = new JsonObject(d.Verification.Strengths.OrderBy(kv => WireName.Of(kv.Key), StringComparer.Ordinal)
                .Select(kv => KeyValuePair.Create(WireName.Of(kv.Key), (JsonNode?)kv.Value))),
            ["callback"] = d.Verification.CallbackRequired,
            ["step_up"] = d.Verification.StepUpRequired,
        },
        ["approvals"] = new JsonObject
        {
            ["count"] = d.Approvals.Count,
            ["from"] = new JsonArray([.. d.Approvals.Authorities.Select(a => (JsonNode)a)]),
            ["must_include"] = new JsonArray([.. d.Approvals.MustInclude.Select(a => (JsonNode)a)]),
            ["valid_for"] = Duration(d.Approvals.Validity),
        },
        ["distinct"] = new JsonArray([.. d.DistinctParties.Select(p => (JsonNode)new JsonArray(WireName.Of(p.First), WireName.Of(p.Second)))]),
        ["business_hours"] = d.BusinessHours is { } hours ? new JsonObject
        {
            ["site"] = hours.Site,
            ["time_zone"] = hours.TimeZone,
            ["days"] = new JsonArray([.. hours.Days.Select(day => (JsonNode)day.ToString().ToLowerInvariant())]),
            ["start"] = hours.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["end"] = hours.End.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["outside"] = hours.Outside,
        } : null,
        ["cooling_off"] = Duration(d.CoolingOff),
        ["emergency"] = d.Emergency is { } e ? new JsonObject
        {
            ["approvals"] = e.Approvals,
            ["review_within"] = Duration(e.ReviewWithin),
            ["review_by"] = e.ReviewAuthority,
        } : null,
        ["tasks"] = new JsonArray([.. d.Tasks.Select(t => (JsonNode)new JsonObject { ["kind"] = WireName.Of(t.Kind), ["within"] = Duration(t.Deadline) })]),
        ["retention"] = d.RetentionClass,
    };

    /// <summary>Reads a decision back; malformed input is a failure with the field that is wrong.</summary>
    public static Outcome<PolicyDecision> FromJson(JsonObject json)
    {
        try
        {
            var verification = (JsonObject)json["verification"]!;
            var approvals = (JsonObject)json["approvals"]!;
            return new PolicyDecision
            {
                PolicyHash = Text(json, "policy_hash"),
                PolicyVersion = Text(json, "policy_version"),
                Tier = Enum<Tier>(json, "tier"),
                Kind = Enum<ResetKind>(json, "kind"),
                Channel = Enum<Channel>(json, "channel"),
                Initiator = Enum<InitiatorType>(json, "initiator"),
                RuleId = Text(json, "rule"),
                RuleLine = json["rule_line"]!.GetValue<int>(),
                Allowed = json["allowed"]!.GetValue<bool>(),
                Verification = new VerificationRequirement(
                    [.. ((JsonArray)verification["methods"]!).Select(m => Parse<VerificationMethod>(m!.GetValue<string>(), "verification.methods"))],
                    verification["min_strength"]!.GetValue<int>())
                {
                    Strengths = ((JsonObject)verification["strengths"]!).ToDictionary(
                        kv => Parse<VerificationMethod>(kv.Key, "verification.strengths"), kv => kv.Value!.GetValue<int>()),
                    CallbackRequired = verification["callback"]!.GetValue<bool>(),
                    StepUpRequired = verification["step_up"]!.GetValue<bool>(),
                },
                Approvals = new ApprovalRequirement(
                    approvals["count"]!.GetValue<int>(),
                    [.. ((JsonArray)approvals["from"]!).Select(a => a!.GetValue<string>())],
                    ParseDuration(Text(approvals, "valid_for")))
                {
                    MustInclude = approvals["must_include"] is JsonArray must ? [.. must.Select(a => a!.GetValue<string>())] : [],
                },
                DistinctParties = [.. ((JsonArray)json["distinct"]!).Select(p => (
                    Parse<CaseRole>(p![0]!.GetValue<string>(), "distinct"), Parse<CaseRole>(p[1]!.GetValue<string>(), "distinct")))],
                BusinessHours = json["business_hours"] is JsonObject hours ? new BusinessHours(
                    Text(hours, "site"),
                    Text(hours, "time_zone"),
                    [.. ((JsonArray)hours["days"]!).Select(day => System.Enum.Parse<DayOfWeek>(day!.GetValue<string>(), ignoreCase: true))],
                    TimeOnly.ParseExact(Text(hours, "start"), "HH:mm", CultureInfo.InvariantCulture),
                    TimeOnly.ParseExact(Text(hours, "end"), "HH:mm", CultureInfo.InvariantCulture))
                {
                    Outside = Text(hours, "outside"),
                } : null,
                CoolingOff = ParseDuration(Text(json, "cooling_off")),
                Emergency = json["emergency"] is JsonObject e
                    ? new EmergencyPath(e["approvals"]!.GetValue<int>(), ParseDuration(Text(e, "review_within")), Text(e, "review_by"))
                    : null,
                Tasks = [.. ((JsonArray)json["tasks"]!).Select(t => new PostResetTask(
                    Parse<PostResetTaskKind>(t!["kind"]!.GetValue<string>(), "tasks.kind"), ParseDuration(t["within"]!.GetValue<string>())))],
                RetentionClass = Text(json, "retention"),
            };
        }
        catch (Exception e) when (e is InvalidCastException or InvalidOperationException or NullReferenceException or FormatException or ArgumentException or FieldException)
        {
            return Outcome<PolicyDecision>.Fail("RT-2003", $"the recorded policy decision is malformed: {e.Message}");
        }
    }

    public static string Duration(TimeSpan value) => XmlConvert.ToString(value);

    public static TimeSpan ParseDuration(string text) => XmlConvert.ToTimeSpan(text);

    private static string Text(JsonObject json, string name) =>
        json[name]?.GetValue<string>() ?? throw new FieldException($"{name} is missing");

    private static T Enum<T>(JsonObject json, string name)
        where T : struct, System.Enum => Parse<T>(Text(json, name), name);

    private static T Parse<T>(string text, string field)
        where T : struct, System.Enum =>
        WireName.TryParse<T>(text, out var value) ? value : throw new FieldException($"{field}: unknown value '{text}'");

    private sealed class FieldException(string message) : Exception(message);

    /// <summary>The decision as it goes into evidence, with the explanations added (policy explain).</summary>
    public static JsonObject WithExplanations(PolicyDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var json = ToJson(decision);
        json["explanations"] = new JsonArray([.. decision.Explanations.Select(e => (JsonNode)new JsonObject
        {
            ["requirement"] = e.Requirement,
            ["rule"] = e.RuleId,
            ["line"] = e.Line,
            ["text"] = e.Text,
        })]);
        return json;
    }
}
