using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ResetTrail.Server.Tests.Web;

/// <summary>
/// How the browser tests move between pages. <see cref="VisitAsync"/> opens a page and returns once its HTML is parsed
/// (DOMContentLoaded, waited for inside Playwright's driver). <see cref="ArriveAtAsync(IPage, string)"/> follows a form
/// post's redirect without waiting for a load event at all: the URL's commit, then the layout's last element
/// (<c>footer.bottom</c>, on every page) in the new document, so the whole page is parsed. Twice on CI Playwright's
/// client-side wait for a load state never ended although the page had arrived (its log showed the later events, not
/// the one awaited); the pages run no script and the assertions read the HTML, so nothing after parsing matters.
/// </summary>
internal static class Navigation
{
    private static readonly PageGotoOptions ParsedGoto = new() { WaitUntil = WaitUntilState.DOMContentLoaded };
    private static readonly PageWaitForURLOptions Committed = new() { WaitUntil = WaitUntilState.Commit };
    private static readonly LocatorWaitForOptions Attached = new() { State = WaitForSelectorState.Attached };

    /// <summary>Opens <paramref name="url"/> (relative to the server) and returns once its HTML is parsed.</summary>
    public static Task<IResponse?> VisitAsync(this IPage page, string url) => page.GotoAsync(url, ParsedGoto);

    /// <summary>Waits until the page is at a URL matching <paramref name="glob"/> and the whole of its HTML is in.</summary>
    public static async Task ArriveAtAsync(this IPage page, string glob)
    {
        await page.WaitForURLAsync(glob, Committed);
        await page.Locator("footer.bottom").WaitForAsync(Attached);
    }

    /// <summary>Waits until the page is at a URL matching <paramref name="url"/> and the whole of its HTML is in.</summary>
    public static async Task ArriveAtAsync(this IPage page, Regex url)
    {
        await page.WaitForURLAsync(url, Committed);
        await page.Locator("footer.bottom").WaitForAsync(Attached);
    }
}
