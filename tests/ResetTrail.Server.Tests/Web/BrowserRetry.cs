using System.Collections.Concurrent;

namespace ResetTrail.Server.Tests.Web;

/// <summary>
/// Runs a browser scenario a second time when, and only when, the browser side timed out on a navigation that the
/// server had fully answered. Twice on CI a wait for a page's load state never ended though the page had arrived (the
/// server answered the redirect's GET in 7 ms; Playwright logged the later load events, not the awaited one); the waits
/// no longer use load states (<see cref="Navigation"/>), and this is the fallback. Neither failure reproduced in dozens
/// of runs here. A timeout while the server still had a request open, or had logged an error, is the server's and fails
/// at once; so does any assertion. The first attempt's timeout and server timeline stay in the test's output.
/// </summary>
internal static class BrowserRetry
{
    private static readonly ConcurrentDictionary<string, bool> Answered = new(StringComparer.Ordinal);

    public static async Task RunAsync(Func<Task> scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        try
        {
            await scenario();
        }
        catch (TimeoutException stalled) when (Answered.TryGetValue(TestId, out var answered) && answered)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"Chromium stopped on a navigation the server had answered ({stalled.Message.Split('\n')[0]}); running the scenario once more.");
            await scenario();
        }
    }

    /// <summary>Called as a browser session closes: whether the server it used answered every request.</summary>
    internal static void Record(bool answeredEverything) => Answered[TestId] = answeredEverything;

    private static string TestId => TestContext.Current.Test?.UniqueID ?? "none";
}
