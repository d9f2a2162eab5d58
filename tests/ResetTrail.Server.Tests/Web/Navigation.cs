using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ResetTrail.Server.Tests.Web;

/// <summary>
/// Navigation that is done once the page's HTML is parsed (DOMContentLoaded), not at the window's load event. The pages
/// run no script and every assertion reads the HTML, so nothing after parsing matters to a test; the stylesheet still
/// blocks the first paint, so screenshots are styled. A CI run once waited 30 s for a load event Chromium never
/// reported after a form post's redirect, though the network had gone idle.
/// </summary>
internal static class Navigation
{
    private static readonly PageGotoOptions ParsedGoto = new() { WaitUntil = WaitUntilState.DOMContentLoaded };
    private static readonly PageWaitForURLOptions ParsedWait = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    /// <summary>Opens <paramref name="url"/> (relative to the server) and returns once its HTML is parsed.</summary>
    public static Task<IResponse?> VisitAsync(this IPage page, string url) => page.GotoAsync(url, ParsedGoto);

    /// <summary>Waits until the page is at a URL matching <paramref name="glob"/> and its HTML is parsed.</summary>
    public static Task ArriveAtAsync(this IPage page, string glob) => page.WaitForURLAsync(glob, ParsedWait);

    /// <summary>Waits until the page is at a URL matching <paramref name="url"/> and its HTML is parsed.</summary>
    public static Task ArriveAtAsync(this IPage page, Regex url) => page.WaitForURLAsync(url, ParsedWait);
}
