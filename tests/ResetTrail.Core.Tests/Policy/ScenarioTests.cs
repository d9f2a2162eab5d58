using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Policy.Reading;
using YamlDotNet.RepresentationModel;

namespace ResetTrail.Core.Tests.Policy;

/// <summary>
/// Table-driven policy scenarios from Scenarios/*.yaml. Each fixture names a policy file (relative to the
/// repository) or holds one inline (policy_text), and lists requests with what the decision must say;
/// only the keys written under expect are checked.
/// </summary>
public sealed class ScenarioTests
{
    public static TheoryData<string, string> Scenarios()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(PolicyFiles.Fixtures("Scenarios"), "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var scenario in Fixture(file).Cases)
            {
                data.Add(Path.GetFileName(file), Text(scenario, "name"));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_gets_the_decision_its_fixture_expects(string file, string name)
    {
        var fixture = Fixture(Path.Combine(PolicyFiles.Fixtures("Scenarios"), file));
        var scenario = fixture.Cases.Single(c => Text(c, "name") == name);

        var decision = fixture.Policy.Decide(Facts(scenario));

        ScenarioExpectations.Check((YamlMappingNode)scenario.Children["expect"], decision);
        Assert.Equal(fixture.Policy.Hash, decision.PolicyHash);
    }

    private static RequestFacts Facts(YamlMappingNode scenario)
    {
        var target = (YamlMappingNode)scenario.Children["target"];
        return new RequestFacts(
            new TargetIdentity(Optional(target, "directory") ?? "corp", Text(target, "id"))
            {
                Groups = List(target, "groups"),
                Roles = List(target, "roles"),
                Site = Optional(target, "site"),
            },
            Wire<ResetKind>(Text(scenario, "kind")),
            Wire<Channel>(Text(scenario, "channel")),
            Wire<InitiatorType>(Optional(scenario, "initiator") ?? "internal"))
        {
            RecentFailedVerifications = int.Parse(Optional(scenario, "failed_verifications") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static (ResetPolicy Policy, IReadOnlyList<YamlMappingNode> Cases) Fixture(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var policy = Optional(root, "policy") is { } path
            ? PolicyLoader.Load(File.ReadAllBytes(Path.Combine(PolicyFiles.Root, path)), path).Policy!
            : PolicyFiles.Valid(Text(root, "policy_text"));
        return (policy, [.. ((YamlSequenceNode)root.Children["cases"]).Children.Cast<YamlMappingNode>()]);
    }

    internal static string Text(YamlMappingNode map, string key) => Optional(map, key) ?? throw new InvalidOperationException($"fixture: {key} is missing");

    internal static string? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlScalarNode)node).Value : null;

    internal static string[] List(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? [.. ((YamlSequenceNode)node).Children.Select(c => ((YamlScalarNode)c).Value!)] : [];

    internal static T Wire<T>(string text)
        where T : struct, Enum => WireName.TryParse<T>(text, out var value) ? value : throw new InvalidOperationException($"fixture: unknown {typeof(T).Name} '{text}'");

    internal static TimeSpan Duration(string text) =>
        Durations.TryParse(text, out var value, out var error) ? value : throw new InvalidOperationException($"fixture: {error}");
}
