using System.Net;
using System.Text.RegularExpressions;

namespace ResetTrail.Server.Tests.Web;

/// <summary>
/// What every page the browser tests visit must hold, read from the HTML the server sent (no script runs in the
/// browser, so nothing here needs one): a language, one h1 and headings that never skip a level, a label for
/// every form control, each aria-describedby naming an element that exists, and no inline script or style (the
/// Content-Security-Policy would block them).
/// </summary>
internal static partial class PageChecks
{
    public static IReadOnlyList<string> Problems(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var problems = new List<string>();
        if (!HtmlLang().IsMatch(html))
        {
            problems.Add("<html> has no lang");
        }

        var levels = Heading().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (levels.Count(l => l == 1) != 1)
        {
            problems.Add($"{levels.Count(l => l == 1)} h1 headings; a page has one");
        }

        for (var i = 1; i < levels.Count; i++)
        {
            if (levels[i] > levels[i - 1] + 1)
            {
                problems.Add($"heading h{levels[i]} follows h{levels[i - 1]}: a level is skipped");
            }
        }

        var ids = Id().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        var labelled = LabelFor().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        foreach (Match control in Control().Matches(html))
        {
            var tag = control.Value;
            if (InputType().Match(tag) is { Success: true } type && type.Groups[1].Value is "hidden" or "submit" or "button")
            {
                continue;
            }

            var id = Id().Match(tag);
            var named = tag.Contains("aria-label", StringComparison.Ordinal) || (id.Success && labelled.Contains(WebUtility.HtmlDecode(id.Groups[1].Value)));
            if (!named)
            {
                problems.Add($"form control without a label: {tag}");
            }
        }

        foreach (Match described in DescribedBy().Matches(html))
        {
            if (!ids.Contains(WebUtility.HtmlDecode(described.Groups[1].Value)))
            {
                problems.Add($"aria-describedby names '{described.Groups[1].Value}', which is not on the page");
            }
        }

        if (html.Contains("<script", StringComparison.OrdinalIgnoreCase) || InlineStyle().IsMatch(html))
        {
            problems.Add("inline script or style");
        }

        return problems;
    }

    [GeneratedRegex("<html[^>]*\\slang=\"[a-z]")]
    private static partial Regex HtmlLang();

    [GeneratedRegex("<h([1-6])[\\s>]")]
    private static partial Regex Heading();

    [GeneratedRegex("\\sid=\"([^\"]+)\"")]
    private static partial Regex Id();

    [GeneratedRegex("<label[^>]*\\sfor=\"([^\"]+)\"")]
    private static partial Regex LabelFor();

    [GeneratedRegex("<(input|select|textarea)\\b[^>]*>")]
    private static partial Regex Control();

    [GeneratedRegex("\\stype=\"([a-z]+)\"")]
    private static partial Regex InputType();

    [GeneratedRegex("aria-describedby=\"([^\"]+)\"")]
    private static partial Regex DescribedBy();

    [GeneratedRegex("<[a-z][^>]*\\sstyle=\"")]
    private static partial Regex InlineStyle();
}
