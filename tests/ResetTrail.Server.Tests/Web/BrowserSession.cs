using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ResetTrail.Accounts.Administration;
using ResetTrail.Accounts.OneTimeCodes;
using ResetTrail.Core.Access;

namespace ResetTrail.Server.Tests.Web;

/// <summary>
/// Debian's Chromium driven by Playwright against a <see cref="RunningServer"/>. The package's own browser download
/// is never used: the system browser is named by path (./test.sh installs the chromium package when missing).
/// Each person is a local account created through <see cref="AccountAdministration"/> (what `resettrail account add`
/// calls) and signs in through the real pages in a browser context of their own: name and password, then the
/// authenticator code computed from the secret the enrolment page shows (or, signing in again, from the secret kept).
/// The session is the server's cookie; every form post carries the page's antiforgery token as in production.
/// JavaScript is off in every context: the pages work without it. Each screenshot first checks the page's HTML
/// (<see cref="PageChecks"/>). Screenshots go to the test output's screenshots folder.
/// </summary>
internal sealed partial class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright playwright;
    private readonly RunningServer server;
    private readonly List<string> consoleErrors = [];
    private readonly Dictionary<string, TotpSecret> authenticators = new(StringComparer.Ordinal);

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

    /// <summary>The password every test account gets (12+ characters, not containing any test login).</summary>
    public static string Password => "correct horse battery staple";

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

    /// <summary>Creates the local account <paramref name="login"/> with <paramref name="roles"/> and signs it in in a fresh browser context.</summary>
    public async Task<IPage> SignInAsync(string login, params Role[] roles)
    {
        AddAccount(login, roles);
        var page = await NewPageAsync();
        await SignInAgainAsync(page, login);
        return page;
    }

    /// <summary>Creates the local account the way an administrator does; it has no authenticator until its first sign-in.</summary>
    public void AddAccount(string login, params Role[] roles)
    {
        var created = server.Services.GetRequiredService<AccountAdministration>().Add(login, null, roles.ToHashSet(), Password);
        Assert.True(created.IsSuccess, created.IsSuccess ? null : created.Error.Message);
    }

    /// <summary>Signs <paramref name="login"/> in on <paramref name="page"/> through /signin: enrols the authenticator the first time, types its code after.</summary>
    public async Task SignInAgainAsync(IPage page, string login, string? screenshotPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.VisitAsync("/signin");
        await page.FillAsync("#login", login);
        await page.FillAsync("#password", Password);
        await Shot(page, screenshotPrefix, "signin");
        await page.ClickAsync("button:text('Continue')");
        await page.ArriveAtAsync(SecondStep());
        if (page.Url.EndsWith("/signin/enrol", StringComparison.Ordinal))
        {
            // What a person does with an authenticator app: take the secret the page shows once, let the app compute the code.
            var shown = await page.InnerTextAsync("main code");
            var secret = TotpSecret.FromBase32(shown);
            Assert.NotNull(secret);
            authenticators[login] = secret;
            await page.FillAsync("#code", Totp.CodeAt(secret, server.Time.GetUtcNow()));
            await Shot(page, screenshotPrefix, "enrol");
            await page.ClickAsync("button:text('Confirm and sign in')");
        }
        else
        {
            await page.FillAsync("#code", Totp.CodeAt(authenticators[login], server.Time.GetUtcNow()));
            await Shot(page, screenshotPrefix, "code");
            await page.ClickAsync("button:text('Sign in')");
        }

        await page.ArriveAtAsync("**/account");
        Assert.Equal(login, (await page.InnerTextAsync("#name")).Trim());
    }

    /// <summary>A page in a fresh browser context that has signed nobody in.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address.ToString(),
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            // The UI works without JavaScript: no page may need it, so none runs.
            JavaScriptEnabled = false,
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

    /// <summary>Saves a screenshot of the page, after checking its HTML holds the <see cref="PageChecks"/>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var problems = PageChecks.Problems(await page.ContentAsync());
        Assert.True(problems.Count == 0, $"{page.Url}: {string.Join("; ", problems)}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// Closes the browser and writes the server's request timeline to the test's output, which the runner shows only
    /// when the test failed: a timeout then says whether the server answered, and how fast.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        BrowserRetry.Record(server.Log.AnsweredEverything);
        var output = TestContext.Current.TestOutputHelper;
        if (output is not null)
        {
            output.WriteLine($"server timeline ({server.Address}):");
            foreach (var line in server.Log.Timeline)
            {
                output.WriteLine(line);
            }
        }

        await Browser.DisposeAsync();
        playwright.Dispose();
    }

    [System.Text.RegularExpressions.GeneratedRegex("/signin/(enrol|code)$")]
    private static partial System.Text.RegularExpressions.Regex SecondStep();

    private static Task Shot(IPage page, string? prefix, string name) => prefix is null ? Task.CompletedTask : ScreenshotAsync(page, $"{prefix}-{name}");
}
