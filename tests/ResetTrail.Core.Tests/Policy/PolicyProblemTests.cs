using System.Text;
using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Tests.Policy;

/// <summary>
/// Broken policy files under Broken/: each ends with "# expect:" lines, the exact problems the loader must
/// report (every one, not just the first), at their line, column and field.
/// </summary>
public sealed class PolicyProblemTests
{
    public static TheoryData<string> BrokenFiles() =>
        [.. Directory.GetFiles(PolicyFiles.Fixtures("Broken"), "*.yaml").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Broken_file_reports_exactly_the_expected_problems(string file)
    {
        var path = Path.Combine(PolicyFiles.Fixtures("Broken"), file);
        var expected = File.ReadLines(path).Where(l => l.StartsWith("# expect: ", StringComparison.Ordinal)).Select(l => l["# expect: ".Length..]);

        var loaded = PolicyLoader.Load(File.ReadAllBytes(path), file);

        Assert.Equal(expected, loaded.Problems.Select(p => p.ToString()[(file.Length + 1)..]));
        Assert.Equal(loaded.Problems.Any(p => p.IsError), loaded.Policy is null);
    }

    [Fact]
    public void A_problem_prints_as_file_line_column_field_message()
    {
        var problem = new PolicyProblem("p.yaml", 12, 5, "rules[3].approvals.count", "'x' is not a whole number from 0 to 10");

        Assert.Equal("p.yaml:12:5: rules[3].approvals.count: 'x' is not a whole number from 0 to 10", problem.ToString());
    }

    [Fact]
    public void Problems_carry_stable_codes()
    {
        var loaded = PolicyFiles.LoadText("version: x\nrules: []\nbogus: 1\n");

        Assert.Equal([PolicyProblemCodes.UnknownKey], loaded.Problems.Where(p => p.IsError).Select(p => p.Code));
    }

    [Fact]
    public void A_file_over_one_mebibyte_is_refused_before_parsing()
    {
        var loaded = PolicyLoader.Load(new byte[PolicyLoader.MaxBytes + 1], "big.yaml");

        var problem = Assert.Single(loaded.Problems);
        Assert.Equal(PolicyProblemCodes.File, problem.Code);
        Assert.Null(loaded.Policy);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused()
    {
        var loaded = PolicyLoader.Load([0x76, 0x3a, 0x20, 0xff, 0xfe], "bad.yaml");

        Assert.Equal("bad.yaml:1:1: the file is not UTF-8 text", Assert.Single(loaded.Problems).ToString());
    }

    [Fact]
    public void A_billion_laughs_file_is_refused_without_expanding_anything()
    {
        var yaml = new StringBuilder("version: x\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 0; i < 8; i++)
        {
            yaml.Append(Invariant($"{(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)}]\n"));
        }

        var loaded = PolicyFiles.LoadText(yaml.ToString());

        Assert.Null(loaded.Policy);
        Assert.Contains(loaded.Problems, p => p.Code == PolicyProblemCodes.YamlFeature && p.Message.StartsWith("aliases", StringComparison.Ordinal));
        Assert.True(loaded.Problems.Count < 200);
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var loaded = PolicyFiles.LoadText("version: x\nrules: " + new string('[', 100) + new string(']', 100) + "\n");

        Assert.Null(loaded.Policy);
        Assert.Contains(loaded.Problems, p => p.Message.Contains("nesting deeper", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("version: x\n---\nversion: y\n")]
    [InlineData("- a list\n- not a mapping\n")]
    public void Files_that_are_not_one_mapping_are_refused(string yaml)
    {
        var loaded = PolicyFiles.LoadText(yaml);

        Assert.Null(loaded.Policy);
        Assert.NotEmpty(loaded.Errors);
    }

    [Fact]
    public void Duplicate_keys_are_an_error_rather_than_last_one_wins()
    {
        var loaded = PolicyFiles.LoadText("version: a\nversion: b\nrules: []\n");

        Assert.Equal("test.yaml:2:1: version: duplicate key (first at line 1)", loaded.Errors.Single().ToString());
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
