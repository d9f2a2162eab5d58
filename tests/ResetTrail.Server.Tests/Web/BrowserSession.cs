using Microsoft.Playwright;
using ResetTrail.Core.Access;

namespace ResetTrail.Server.Tests.Web;

/// <summary>
/// Debian's Chromium driven by Playwright against a <see cref="RunningServer"/>. The package's own browser download
/// is never used: the system browser is named by path (./test.sh installs the chromium package when missing).
/// Each user gets a browser context of their own, authenticated by an API token sent on every request
/// (the cookie sign-in page is not on main yet). Screenshots go to the test output's screenshots folder.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright playwright;
    private readonly RunningServer server;
    private readonly List<string> consoleErrors = [];

    private BrowserSession(IPlaywright playwright, IBrowser browser, RunningServer server)
    {
        this.playwright = playwright;
        Browser = browser;
        this.server = server;
    }

    public IBrowser Browser { get; }

    /// <summary>Errors the pages logged (a Content-Security-Policy violation is one).</summary>
    public IReadOnlyList<string> ConsoleErrors => consoleErrors;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<BrowserSession> StartAsync(RunningServer server)
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium package (./test.sh does)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The sandbox needs user namespaces, which containers running as root usually lack.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
        return new BrowserSession(playwright, browser, server);
    }

    /// <summary>A page in a fresh browser context acting as <paramref name="name"/> with <paramref name="roles"/>.</summary>
    public Task<IPage> SignInAsync(string name, params Role[] roles) => SignInWithTokenAsync(server.TokenFor(name, roles));

    /// <summary>A page in a fresh browser context that sends <paramref name="token"/>.</summary>
    public async Task<IPage> SignInWithTokenAsync(string token)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address.ToString(),
            AcceptDownloads = true,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (consoleErrors)
                {
                    consoleErrors.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
