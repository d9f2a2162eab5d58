using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Tests.Policy;

public sealed class SamplePolicyTests
{
    [Fact]
    public void The_sample_policy_loads_without_errors_or_warnings()
    {
        var loaded = PolicyLoader.Load(File.ReadAllBytes(PolicyFiles.SamplePath), "sample-policy.yaml");

        Assert.Empty(loaded.Problems.Select(p => p.ToString()));
        Assert.NotNull(loaded.Policy);
        Assert.Equal("2026-11-01", loaded.Policy.Version);
    }

    [Fact]
    public void Every_explanation_of_the_sample_names_a_rule_and_a_line_of_the_file()
    {
        var policy = PolicyFiles.Sample();
        var lines = File.ReadAllLines(PolicyFiles.SamplePath);
        var target = new TargetIdentity("corp", "jdoe") { Groups = ["Domain Admins"] };

        var decision = policy.Decide(new RequestFacts(target, ResetKind.AllFactors, Channel.Phone, InitiatorType.Internal) { RecentFailedVerifications = 1 });

        Assert.All(decision.Explanations.Where(e => e.RuleId != "built-in"), e => Assert.InRange(e.Line, 1, lines.Length));
        Assert.Contains(decision.Explanations, e => e.Requirement == "approvals.count" && e.RuleId == "admin-all-factors" && lines[e.Line - 1].Contains("count: 2", StringComparison.Ordinal));
        Assert.Contains(decision.Explanations, e => e.Requirement == "after_failed_verification" && e.RuleId == "defaults" && lines[e.Line - 1].Contains("after_failed_verification:", StringComparison.Ordinal));
    }
}
