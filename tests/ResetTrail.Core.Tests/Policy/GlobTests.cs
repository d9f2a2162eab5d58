using System.Text.RegularExpressions;
using ResetTrail.Core.Policy.Deciding;

namespace ResetTrail.Core.Tests.Policy;

/// <summary>The account-id globs of policies and allow-lists: <c>*</c> only, case-insensitive, whole text.</summary>
public sealed class GlobTests
{
    [Theory]
    [InlineData("svc-*", "svc-backup", true)]
    [InlineData("svc-*", "SVC-Backup", true)]
    [InlineData("svc-*", "xsvc-backup", false)]
    [InlineData("*$", "HOST01$", true)]
    [InlineData("*$", "host01", false)]
    [InlineData("*@partner.example", "ann@Partner.Example", true)]
    [InlineData("*@partner.example", "ann@partner.example.evil", false)]
    [InlineData("ab*ba", "aba", false)]
    [InlineData("ab*ba", "abba", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxcyyb", false)]
    [InlineData("*", "", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("**", "anything", true)]
    [InlineData("exact", "EXACT", true)]
    public void Matches_examples(string pattern, string text, bool expected) =>
        Assert.Equal(expected, Glob.Matches(pattern, text));

    [Fact]
    public void Agrees_with_an_anchored_case_insensitive_regex_on_every_small_pattern_and_text()
    {
        const string alphabet = "aB*";
        var patterns = Words(alphabet, 5).ToList();
        var texts = Words("Ab", 6).ToList();
        foreach (var pattern in patterns)
        {
            var reference = new Regex("^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
            foreach (var text in texts)
            {
                Assert.True(reference.IsMatch(text) == Glob.Matches(pattern, text), $"pattern '{pattern}', text '{text}'");
            }
        }
    }

    [Fact]
    public void A_compiled_pattern_agrees_with_the_pattern_including_dotless_i_which_folds_to_an_ascii_letter()
    {
        // The compiled form rejects on the first and last characters before comparing; a non-ASCII character must never
        // be ruled out that way ("ı" upper-cases to "I").
        var texts = Words("Ab-ıI", 5).ToList();
        foreach (var pattern in Words("aB-i*", 4))
        {
            var compiled = Glob.Compile(pattern);
            foreach (var text in texts)
            {
                Assert.True(Glob.Matches(pattern, text) == compiled.Matches(text), $"pattern '{pattern}', text '{text}'");
            }
        }
    }

    private static IEnumerable<string> Words(string alphabet, int maxLength)
    {
        var level = new List<string> { string.Empty };
        for (var length = 0; length <= maxLength; length++)
        {
            foreach (var word in level)
            {
                yield return word;
            }

            level = [.. level.SelectMany(w => alphabet.Select(c => w + c))];
        }
    }
}
