namespace ResetTrail.Server.Tests.Web;

/// <summary>The checks every browser-test screenshot runs catch what they are for.</summary>
public sealed class PageChecksTests
{
    [Fact]
    public void A_page_with_an_unlabelled_control_a_skipped_heading_and_an_inline_style_fails_each_check()
    {
        const string html = """
            <html><body><main><h1>Cases</h1><h3>Skipped</h3>
            <input id="q" name="q"><select id="s" aria-describedby="gone"></select><p style="color: red">x</p></main></body></html>
            """;

        var problems = PageChecks.Problems(html);

        Assert.Contains("<html> has no lang", problems);
        Assert.Contains("heading h3 follows h1: a level is skipped", problems);
        Assert.Contains(problems, p => p.StartsWith("form control without a label: <input id=\"q\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("form control without a label: <select id=\"s\"", StringComparison.Ordinal));
        Assert.Contains("aria-describedby names 'gone', which is not on the page", problems);
        Assert.Contains("inline script or style", problems);
    }

    [Fact]
    public void A_labelled_form_with_ordered_headings_passes()
    {
        const string html = """
            <html lang="en"><body><main><h1>Cancel</h1><h2>What the policy requires</h2>
            <form method="post"><input type="hidden" name="__csrf" value="t"><label for="r">Reason</label>
            <textarea id="r" name="r" aria-describedby="r-error"></textarea><p id="r-error">say why</p><button type="submit">Go</button></form>
            <h2>Steps</h2></main></body></html>
            """;

        Assert.Empty(PageChecks.Problems(html));
    }
}
