using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ResetTrail.Accounts.Administration;
using ResetTrail.Accounts.Model;
using ResetTrail.Accounts.OneTimeCodes;
using ResetTrail.Core.Access;
using ResetTrail.Server.Identity.Setup;

namespace ResetTrail.Server.Tests.Identity;

/// <summary>Local sign-in over real HTTP against the real server (Kestrel on loopback, SQLite in a temporary folder).</summary>
public sealed partial class LocalSignInTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_wrong_password_is_refused_and_gives_no_session()
    {
        await using var server = await RunningServer.StartAsync();
        AddAccount(server, "carl", Role.DeskAgent);
        using var browser = new Browser(server.Address);

        var refused = await SignInAsync(browser, "carl", "not the password at all");
        var unknown = await SignInAsync(browser, "nobody", Password);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Contains("Sign-in refused.", refused.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal(Refusal(refused.Body), Refusal(unknown.Body));
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), c => c.Name is "resettrail" or "resettrail.signin");
        Assert.Contains("Not signed in", (await browser.GetAsync("/account")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_then_code_signs_in_with_the_accounts_roles()
    {
        await using var server = await RunningServer.StartAsync();
        var secret = AddEnrolledAccount(server, "ada", Role.Administrator, Role.Auditor);
        using var browser = new Browser(server.Address);

        var password = await SignInAsync(browser, "ada", Password);
        var apiBetweenSteps = await browser.GetAsync("/api/v1/tokens/");
        var code = await browser.SubmitAsync("/signin/code", "/signin/code", new Dictionary<string, string> { ["code"] = Totp.CodeAt(secret, server.Time.GetUtcNow()) });
        var account = await browser.GetAsync("/account");
        var api = await browser.GetAsync("/api/v1/tokens/");

        Assert.Equal((HttpStatusCode.Redirect, "/signin/code"), (password.Status, password.Location?.OriginalString));
        Assert.Equal(HttpStatusCode.Unauthorized, apiBetweenSteps.Status);
        Assert.Equal((HttpStatusCode.Redirect, "/account"), (code.Status, code.Location?.OriginalString));
        Assert.Contains("<strong id=\"name\">ada</strong>", account.Body, StringComparison.Ordinal);
        Assert.Contains("<span id=\"roles\">auditor, administrator</span>", account.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api.Status);
        var session = browser.Cookies.GetAllCookies().Single(c => c.Name == "resettrail");
        Assert.True(session.HttpOnly);
    }

    [Fact]
    public async Task The_session_cookie_is_strict_and_http_only()
    {
        await using var server = await RunningServer.StartAsync();
        var secret = AddEnrolledAccount(server, "ada", Role.Administrator);
        using var browser = new Browser(server.Address);
        await SignInAsync(browser, "ada", Password);
        var (_, html, _) = await browser.GetAsync("/signin/code");

        using var post = await browser.Client.PostAsync("/signin/code", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__csrf"] = WebUtility.HtmlDecode(CsrfValue().Match(html).Groups[1].Value),
            ["code"] = Totp.CodeAt(secret, server.Time.GetUtcNow()),
        }));

        var setCookie = post.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("resettrail=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_account_locks_after_five_failures_and_then_refuses_the_right_password_alike()
    {
        await using var server = await RunningServer.StartAsync();
        AddEnrolledAccount(server, "carl", Role.DeskAgent);
        using var browser = new Browser(server.Address);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(browser, "carl", $"wrong password number {i}")).Status);
        }

        var locked = await SignInAsync(browser, "carl", Password);

        Assert.Equal(HttpStatusCode.Unauthorized, locked.Status);
        Assert.Contains("Sign-in refused.", locked.Body, StringComparison.Ordinal);
        Assert.True(Accounts(server).Find("carl")!.Lockout.IsLockedAt(server.Time.GetUtcNow()));
        Assert.Contains("Sign-in refused for account carl: LockedNow", server.Log.Text, StringComparison.Ordinal);
        Assert.Contains("Sign-in refused for account carl: Locked ", server.Log.Text + " ", StringComparison.Ordinal);

        server.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, "carl", Password)).Status);
    }

    [Fact]
    public async Task Without_the_code_there_is_no_session_and_a_replayed_code_is_refused()
    {
        await using var server = await RunningServer.StartAsync();
        var secret = AddEnrolledAccount(server, "carl", Role.DeskAgent);
        var code = Totp.CodeAt(secret, server.Time.GetUtcNow());
        using (var first = new Browser(server.Address))
        {
            await SignInAsync(first, "carl", Password);
            var wrong = await first.SubmitAsync("/signin/code", "/signin/code", new Dictionary<string, string> { ["code"] = "000000" == code ? "111111" : "000000" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
            Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync("/signin/code", "/signin/code", new Dictionary<string, string> { ["code"] = code })).Status);
        }

        using var second = new Browser(server.Address);
        await SignInAsync(second, "carl", Password);
        var replay = await second.SubmitAsync("/signin/code", "/signin/code", new Dictionary<string, string> { ["code"] = code });

        Assert.Equal(HttpStatusCode.Unauthorized, replay.Status);
        Assert.Contains("Sign-in refused for account carl: ReplayedCode", server.Log.Text, StringComparison.Ordinal);
        Assert.Contains("Not signed in", (await second.GetAsync("/account")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused()
    {
        await using var server = await RunningServer.StartAsync();
        AddEnrolledAccount(server, "carl", Role.DeskAgent);
        using var browser = new Browser(server.Address);

        var signIn = await browser.SubmitAsync("/signin", "/signin", new Dictionary<string, string> { ["login"] = "carl", ["password"] = Password }, withCsrf: false);
        var setup = await browser.SubmitAsync("/setup", "/setup", new Dictionary<string, string> { ["token"] = "x" }, withCsrf: false);

        Assert.Equal(HttpStatusCode.BadRequest, signIn.Status);
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), c => c.Name is "resettrail.signin");
        Assert.Equal(HttpStatusCode.BadRequest, setup.Status);
        Assert.Contains("missing or invalid antiforgery token on /signin", server.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_account_enrols_its_authenticator_from_the_page_and_signs_in()
    {
        await using var server = await RunningServer.StartAsync();
        AddAccount(server, "dana", Role.Approver);
        using var browser = new Browser(server.Address);

        var password = await SignInAsync(browser, "dana", Password);
        var page = await browser.GetAsync("/signin/enrol");
        var uri = WebUtility.HtmlDecode(Regex.Match(page.Body, "href=\"(otpauth://[^\"]+)\"").Groups[1].Value);
        var secret = TotpSecret.FromBase32(PageSecret(page))!;
        var confirm = await browser.PostAsync(page.Body, "/signin/enrol", new Dictionary<string, string> { ["code"] = Totp.CodeAt(secret, server.Time.GetUtcNow()) });

        Assert.Equal("/signin/enrol", password.Location?.OriginalString);
        Assert.StartsWith("otpauth://totp/ResetTrail:dana?secret=" + secret.Base32Text + "&issuer=ResetTrail", uri, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, "/account"), (confirm.Status, confirm.Location?.OriginalString));
        Assert.True(Accounts(server).Find("dana")!.TotpConfirmed);
    }

    [Fact]
    public async Task The_setup_token_creates_the_first_administrator_once()
    {
        await using var server = await RunningServer.StartAsync();
        var token = server.Services.GetRequiredService<SetupToken>().Reveal()!;
        using var browser = new Browser(server.Address);
        var fields = new Dictionary<string, string> { ["token"] = token, ["login"] = "root.admin", ["password"] = Password, ["repeat"] = Password };

        var page = await browser.GetAsync("/setup");
        var wrong = await browser.PostAsync(page.Body, "/setup", new Dictionary<string, string>(fields) { ["token"] = "not-the-token" });
        var created = await browser.PostAsync(page.Body, "/setup", fields);
        var again = await browser.PostAsync(page.Body, "/setup", new Dictionary<string, string>(fields) { ["login"] = "second.admin" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal((HttpStatusCode.Redirect, "/signin"), (created.Status, created.Location?.OriginalString));
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.Equal(["root.admin"], Accounts(server).List().Select(a => a.Login));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/setup")).Status);
        Assert.Null(server.Services.GetRequiredService<SetupToken>().Reveal());
    }

    [Fact]
    public void The_setup_token_is_printed_once_with_the_address_and_never_after_it_is_used()
    {
        var token = SetupToken.Create(needed: true);
        using var console = new StringWriter();

        Server.Identity.IdentityComposition.AnnounceSetup(token, ["http://127.0.0.1:5080"], console);
        token.Retire();
        Server.Identity.IdentityComposition.AnnounceSetup(token, ["http://127.0.0.1:5080"], console);

        Assert.Single(Regex.Matches(console.ToString(), "Open http://127.0.0.1:5080/setup and give this one-time setup token: [A-Za-z0-9_-]{32}\n"));
        Assert.DoesNotContain("SetupToken(redacted)", console.ToString(), StringComparison.Ordinal);
        Assert.Null(SetupToken.Create(needed: false).Reveal());
    }

    [Fact]
    public async Task A_browser_asking_for_a_protected_page_is_sent_to_sign_in_while_other_clients_get_401()
    {
        await using var server = await RunningServer.StartAsync();
        using var browser = new Browser(server.Address);
        using var page = new HttpRequestMessage(HttpMethod.Get, "metrics");
        page.Headers.Accept.ParseAdd("text/html");

        using var asBrowser = await browser.Client.SendAsync(page);
        var asScript = await browser.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Redirect, asBrowser.StatusCode);
        Assert.StartsWith("/signin?ReturnUrl=%2Fmetrics", asBrowser.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, asScript.Status);
    }

    [Fact]
    public async Task Sign_in_posts_are_rate_limited_per_address()
    {
        await using var server = await RunningServer.StartAsync();
        using var browser = new Browser(server.Address);
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 11; i++)
        {
            statuses.Add((await SignInAsync(browser, "nobody", "whatever it is today")).Status);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.All(statuses[..10], s => Assert.Equal(HttpStatusCode.Unauthorized, s));
    }

    [Fact]
    public async Task No_password_code_secret_or_setup_token_reaches_the_log()
    {
        await using var server = await RunningServer.StartAsync();
        var token = server.Services.GetRequiredService<SetupToken>().Reveal()!;
        using var browser = new Browser(server.Address);
        await browser.SubmitAsync("/setup", "/setup", new Dictionary<string, string> { ["token"] = token, ["login"] = "root", ["password"] = Password, ["repeat"] = Password });
        await SignInAsync(browser, Password, Password); // a password typed into the name field
        await SignInAsync(browser, "root", "wrong but secret password");
        await SignInAsync(browser, "root", Password);
        var enrol = await browser.GetAsync("/signin/enrol");
        var shownSecret = PageSecret(enrol);
        var code = Totp.CodeAt(TotpSecret.FromBase32(shownSecret)!, server.Time.GetUtcNow());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync(enrol.Body, "/signin/enrol", new Dictionary<string, string> { ["code"] = code })).Status);

        var log = server.Log.Text;

        Assert.Contains("Signed in: root (local)", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, log, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong but secret password", log, StringComparison.Ordinal);
        Assert.DoesNotContain(code, log, StringComparison.Ordinal);
        Assert.DoesNotContain(shownSecret.Replace(" ", string.Empty, StringComparison.Ordinal), log.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(token, log, StringComparison.Ordinal);
    }

    private static Task<(HttpStatusCode Status, string Body, Uri? Location)> SignInAsync(Browser browser, string login, string password) =>
        browser.SubmitAsync("/signin", "/signin", new Dictionary<string, string> { ["login"] = login, ["password"] = password, ["return"] = "/account" });

    private static IAccountStore Accounts(RunningServer server) => server.Services.GetRequiredService<IAccountStore>();

    private static void AddAccount(RunningServer server, string login, params Role[] roles) =>
        Assert.True(server.Services.GetRequiredService<AccountAdministration>().Add(login, null, roles.ToHashSet(), Password).IsSuccess);

    private static TotpSecret AddEnrolledAccount(RunningServer server, string login, params Role[] roles)
    {
        AddAccount(server, login, roles);
        var secret = TotpSecret.Generate();
        Accounts(server).SetTotp(login, secret, confirmed: true);
        return secret;
    }

    private static string PageSecret((HttpStatusCode Status, string Body, Uri? Location) page) =>
        Regex.Match(page.Body, "<code>([A-Z2-7 ]+)</code>").Groups[1].Value;

    private static string Refusal(string body) => Regex.Match(body, "<p role=\"alert\">.*?</p>").Value;

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfValue();
}
