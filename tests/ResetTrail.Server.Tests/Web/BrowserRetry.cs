using System.Collections.Concurrent;

namespace ResetTrail.Server.Tests.Web;

/// <summary>
/// Runs a browser scenario a second time when, and only when, Chromium stopped on a navigation that the server had
/// fully answered. Twice on CI a form post's redirect never finished in the browser: once the page's load event never
/// came though the network was idle, once the redirect's GET never reached the server at all (its timeline shows the
/// 302 sent in 135 ms, then nothing for 30 s). Neither reproduced in dozens of runs here. A timeout while the server
/// still had a request open, or had logged an error, is the server's and fails at once; so does any assertion.
/// The first attempt's timeout and server timeline stay in the test's output.
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
