using System.Text.Json.Nodes;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Tests.Workflow;

namespace ResetTrail.Core.Tests.Evidence;

/// <summary>The decision as evidence records it (inside case.opened, and after failed verifications).</summary>
public sealed class PolicyDecisionJsonTests
{
    public static TheoryData<string> DecisionNames() => new(Samples.Keys.Order(StringComparer.Ordinal));

    private static readonly Dictionary<string, PolicyDecision> Samples = new()
    {
        ["standard"] = Decisions.Standard(),
        ["emergency"] = Decisions.WithEmergency(),
        ["paris hours"] = Decisions.WithParisHours("deny") with { CoolingOff = TimeSpan.FromMinutes(90) },
        ["no approvals"] = Decisions.NoApprovals() with { DistinctParties = [] },
        ["not allowed"] = Decisions.Standard() with { Allowed = false, Tasks = [] },
        ["strict"] = Decisions.Standard() with
        {
            Verification = Decisions.Standard().Verification with { CallbackRequired = true, StepUpRequired = true },
            Approvals = Decisions.Standard().Approvals with { MustInclude = ["security"] },
        },
    };

    [Theory]
    [MemberData(nameof(DecisionNames))]
    public void A_decision_read_back_writes_the_same_canonical_bytes(string name)
    {
        var json = PolicyDecisionJson.ToJson(Samples[name]);

        var read = PolicyDecisionJson.FromJson(JsonNode.Parse(CanonicalJson.SerializeToString(json))!.AsObject());

        Assert.True(read.IsSuccess, read.Error?.ToString());
        Assert.Equal(CanonicalJson.Serialize(json), CanonicalJson.Serialize(PolicyDecisionJson.ToJson(read.Value)));
        Assert.Equal(Samples[name].DistinctParties, read.Value.DistinctParties);
        Assert.Equal(Samples[name].BusinessHours?.Outside, read.Value.BusinessHours?.Outside);
    }

    [Fact]
    public void Durations_are_ISO_8601()
    {
        var json = PolicyDecisionJson.ToJson(Decisions.WithParisHours("emergency"));

        Assert.Equal("PT4H", json["approvals"]!["valid_for"]!.GetValue<string>());
        Assert.Equal("P1D", json["emergency"]!["review_within"]!.GetValue<string>());
        Assert.Equal("08:00", json["business_hours"]!["start"]!.GetValue<string>());
        Assert.Equal("europe/paris", json["business_hours"]!["time_zone"]!.GetValue<string>().ToLowerInvariant());
    }

    [Theory]
    [InlineData("policy_hash", null)]
    [InlineData("tier", "\"overlord\"")]
    [InlineData("kind", "3")]
    [InlineData("rule_line", "\"12\"")]
    [InlineData("rule_line", "1.5")]
    [InlineData("allowed", "\"yes\"")]
    [InlineData("verification", "[]")]
    [InlineData("approvals", "{\"count\":2}")]
    [InlineData("distinct", "[[\"approver\"]]")]
    [InlineData("distinct", "[[\"approver\",\"boss\"]]")]
    [InlineData("business_hours", "{\"site\":\"paris\",\"time_zone\":\"Europe/Paris\",\"days\":[\"someday\"],\"start\":\"08:00\",\"end\":\"18:00\",\"outside\":\"deny\"}")]
    [InlineData("business_hours", "{\"site\":\"paris\",\"time_zone\":\"Europe/Paris\",\"days\":[],\"start\":\"25:00\",\"end\":\"18:00\",\"outside\":\"deny\"}")]
    [InlineData("cooling_off", "\"an hour\"")]
    [InlineData("tasks", "[{\"kind\":\"pray\",\"within\":\"PT1H\"}]")]
    [InlineData("retention", "7")]
    public void A_malformed_decision_is_refused_with_RT_2003_naming_what_is_wrong(string field, string? replacement)
    {
        var json = PolicyDecisionJson.ToJson(Decisions.WithParisHours("deny"));
        json[field] = replacement is null ? null : JsonNode.Parse(replacement);

        var read = PolicyDecisionJson.FromJson(json);

        Assert.False(read.IsSuccess);
        Assert.Equal("RT-2003", read.Error.Code);
        Assert.StartsWith("the recorded policy decision is malformed", read.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_opened_with_a_malformed_decision_is_refused_with_RT_2003()
    {
        var driver = new CaseDriver();
        var opened = driver.TryOpen();
        var record = opened.Value with { Data = (JsonObject)opened.Value.Data.DeepClone() };
        record.Data["decision"]!["tier"] = "overlord";

        Assert.Equal("RT-2003", ResetTrail.Core.Workflow.CaseRules.Check(null, record)?.Code);
    }
}
