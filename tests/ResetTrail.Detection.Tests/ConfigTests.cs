using System.Text;
using ResetTrail.Core.Policy;
using ResetTrail.Detection.Config;

namespace ResetTrail.Detection.Tests;

public sealed class ConfigTests
{
    private static DetectionConfigResult Load(string yaml) => DetectionConfigLoader.Load(Encoding.UTF8.GetBytes(yaml), "detection.yaml");

    [Fact]
    public void The_default_file_loads_without_problems()
    {
        var path = Path.Combine(Samples.Dir("okta"), "..", "..", "..", "..", "policies", "detection.yaml");
        var result = DetectionConfigLoader.Load(File.ReadAllBytes(path), "policies/detection.yaml");
        Assert.Empty(result.Problems);
        Assert.Equal(TimeSpan.FromMinutes(5), result.Config!.AllowedLateness);
        Assert.Equal(3, result.Config.Sites.Count);
        Assert.Equal(11, result.Config.Rules["RT-D019"].Threshold);
        Assert.False(result.Config.Rules["RT-D027"].Enabled);
    }

    [Fact]
    public void An_unknown_key_is_an_error_with_line_column_and_a_suggestion()
    {
        var result = Load("version: 1\nengine:\n  alowed_lateness: 5m\n");
        Assert.Null(result.Config);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((3, 3), (problem.Line, problem.Column));
        Assert.Contains("did you mean 'allowed_lateness'", problem.Message, StringComparison.Ordinal);
        Assert.Equal(PolicyProblemCodes.UnknownKey, problem.Code);
    }

    [Fact]
    public void An_unknown_rule_id_and_a_bad_duration_are_both_reported()
    {
        var result = Load("version: 1\nrules:\n  RT-D999:\n    threshold: 3\n  RT-D019:\n    window: 7 days\n");
        Assert.Null(result.Config);
        Assert.Collection(result.Problems,
            p => Assert.Contains("no rule has the id 'RT-D999'", p.Message, StringComparison.Ordinal),
            p => Assert.Equal("rules.RT-D019.window", p.Field));
    }

    [Fact]
    public void An_instance_must_name_a_configurable_rule_and_an_id_of_its_own()
    {
        var result = Load("version: 1\ninstances:\n  - id: RT-D001\n    of: RT-D002\n");
        Assert.Equal(2, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Code == PolicyProblemCodes.Duplicate);
        Assert.Contains(result.Problems, p => p.Message.Contains("cannot take instances", StringComparison.Ordinal));
    }

    [Fact]
    public void Third_party_hours_and_account_sites_must_name_a_defined_site()
    {
        var result = Load("version: 1\naccounts:\n  - match: '*'\n    site: mars\nthird_parties:\n  - name: acme\n    actors: ['*@acme']\n    hours: nights\n");
        Assert.Equal([4, 8], result.Problems.Select(p => p.Line));
    }

    [Fact]
    public void Aliases_are_refused_as_in_policy_files()
    {
        var result = Load("version: 1\nprivileged_roles: &r ['a']\nadmin_console_events: *r\n");
        Assert.Null(result.Config);
        Assert.Contains(result.Problems, p => p.Code == PolicyProblemCodes.YamlFeature);
    }

    [Fact]
    public void Settings_apply_threshold_window_and_severity()
    {
        var result = Load("version: 1\nrules:\n  RT-D109:\n    threshold: 2\n    window: 30m\n    severity: critical\n");
        var settings = result.Config!.Rules["RT-D109"];
        Assert.Equal((2, TimeSpan.FromMinutes(30), Alerts.Severity.Critical), (settings.Threshold!.Value, settings.Window!.Value, settings.Severity!.Value));
    }
}
