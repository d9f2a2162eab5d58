using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using ResetTrail.Core.Policy.Reading;
using ResetTrail.Core.Policy.Yaml;

namespace ResetTrail.Core.Tests.Policy;

/// <summary>The published JSON Schema accepts the sample policy, and refuses what the loader refuses (where a schema can tell).</summary>
public sealed class PolicySchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(PolicyFiles.Root, "docs", "policy", "resettrail-policy.schema.json")));

    [Fact]
    public void The_schema_accepts_the_sample_policy()
    {
        var result = Evaluate(File.ReadAllText(PolicyFiles.SamplePath));

        Assert.True(result.IsValid, Describe(result));
    }

    [Theory]
    [InlineData("min_strength: 3", "min_strenght: 3")]
    [InlineData("tiers: [admin]", "tiers: [admn]")]
    [InlineData("valid_for: 4h", "valid_for: PT4H")]
    [InlineData("count: 0", "count: -1")]
    [InlineData("callback: false", "callback: yes")]
    [InlineData("outside: deny", "outside: later")]
    [InlineData("kind: notify_user", "kind: notify_everyone")]
    [InlineData("distinct: all", "distinct: some")]
    [InlineData("start: \"08:00\"", "start: \"8am\"")]
    [InlineData("match: any", "match: everything")]
    [InlineData("id: finance\n", "id: Finance Team\n")]
    [InlineData("    tier: admin\n", "    tier: superuser\n")]
    public void The_schema_and_the_loader_both_refuse_a_broken_sample(string original, string broken)
    {
        var text = File.ReadAllText(PolicyFiles.SamplePath);
        var index = text.IndexOf(original, StringComparison.Ordinal);
        Assert.True(index >= 0, $"the sample no longer contains '{original}'");
        var mutated = string.Concat(text.AsSpan(0, index), broken, text.AsSpan(index + original.Length));

        Assert.False(Evaluate(mutated).IsValid);
        Assert.Null(PolicyFiles.LoadText(mutated).Policy);
    }

    [Fact]
    public void Every_scenario_fixture_policy_is_accepted_by_the_schema()
    {
        var policy = File.ReadAllText(Path.Combine(PolicyFiles.Fixtures("Scenarios"), "rule-selection.yaml"));
        var inline = ((JsonObject)ToJson(YamlTreeReader.Read(policy, new ProblemList("fixture"))!)!)["policy_text"]!.GetValue<string>();

        var result = Evaluate(inline);

        Assert.True(result.IsValid, Describe(result));
    }

    private static EvaluationResults Evaluate(string yaml)
    {
        var tree = YamlTreeReader.Read(yaml, new ProblemList("schema")) ?? throw new InvalidOperationException("not YAML");
        using var document = JsonDocument.Parse(ToJson(tree)?.ToJsonString() ?? "null");
        return Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    /// <summary>YAML to JSON as a YAML 1.2 core-schema reader would type it: plain integers, true/false and null are typed; the rest is text.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlScalar { IsNull: true } => null,
        YamlScalar { Plain: true, Value: "true" or "false" } s => JsonValue.Create(s.Value == "true"),
        YamlScalar { Plain: true } s when long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        YamlScalar s => JsonValue.Create(s.Value),
        YamlSequence q => new JsonArray([.. q.Items.Select(ToJson)]),
        YamlMapping m => new JsonObject(m.Entries.Select(e => KeyValuePair.Create(e.Key.Value, ToJson(e.Value)))),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private static string Describe(EvaluationResults result) =>
        string.Join('\n', (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
}
