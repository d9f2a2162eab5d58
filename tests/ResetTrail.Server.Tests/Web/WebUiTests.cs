using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ResetTrail.Bundles.Verification;
using ResetTrail.Core.Access;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Delivery;
using ResetTrail.Server.Detection;
using ResetTrail.Server.Hosting;

namespace ResetTrail.Server.Tests.Web;

/// <summary>
/// The web UI in a real browser (Debian's Chromium through Playwright) against the real server on loopback with a
/// temporary SQLite file: a case from opening to its verified evidence bundle, each person a local account signed in
/// through the sign-in pages (password, then authenticator code) in a browser context of their own.
/// </summary>
public sealed class WebUiTests
{
    [Fact]
    public Task A_case_goes_from_the_desk_to_an_approver_an_executor_and_an_auditor_whose_bundle_verifies() => BrowserRetry.RunAsync(async () =>
    {
        await using var server = await StartWithPolicyAsync();
        await using var browser = await BrowserSession.StartAsync(server);

        // The desk agent opens a case from a ticket and sees what the policy requires next, and why.
        var desk = await browser.SignInAsync("dana.desk", Role.DeskAgent);
        var caseId = await OpenCaseAsync(desk, "INC0012345");
        Assert.Contains("verify the caller", await desk.InnerTextAsync(".next"), StringComparison.Ordinal);
        Assert.Contains("standard-factors", await desk.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.True(await desk.Locator("table:has(caption:text('rule and line')) tbody tr").CountAsync() >= 3, "the decision's explanations are listed");
        await BrowserSession.ScreenshotAsync(desk, "01-case-opened");

        await VerifyAsync(desk, caseId, "push_to_enrolled_device");
        await BrowserSession.ScreenshotAsync(desk, "02-verify-page");
        await VerifyAsync(desk, caseId, "callback_on_record");
        Assert.Equal("awaiting_approval", (await desk.InnerTextAsync("h1 .state")).Trim());
        await BrowserSession.ScreenshotAsync(desk, "03-case-awaiting-approval");

        // The approver, in a second browser context, finds it in the queue and approves exactly what it shows.
        var approver = await browser.SignInAsync("alex.approver", Role.Approver);
        await approver.VisitAsync("/approvals");
        await BrowserSession.ScreenshotAsync(approver, "04-approval-queue");
        var digest = server.Database.Cases.Find(caseId)!.ApprovalDigest();
        Assert.Contains(digest, await approver.InnerTextAsync("table"), StringComparison.Ordinal);
        await approver.ClickAsync($"a[href='/cases/{caseId}/approve']");
        Assert.Equal(digest, (await approver.InnerTextAsync("#digest")).Trim());
        await BrowserSession.ScreenshotAsync(approver, "05-approve-page");
        await approver.SelectOptionAsync("#Authority", "it_manager");
        await approver.FillAsync("#ApproveReason", "caller verified by push and callback");
        await approver.ClickAsync("button:text('Approve')");
        await approver.ArriveAtAsync($"**/cases/{caseId}");
        Assert.Equal("approved", (await approver.InnerTextAsync("h1 .state")).Trim());
        var approval = Assert.Single(server.Database.Cases.Find(caseId)!.Approvals);
        Assert.Equal("alex.approver", approval.Approver);

        // The executor records the reset; the desk hands over with the first post-reset task.
        var executor = await browser.SignInAsync("erin.exec", Role.Executor);
        await executor.VisitAsync($"/cases/{caseId}");
        await executor.ClickAsync("a:text('Record the reset as executed')");
        await executor.FillAsync("#IdpEvent", "okta-evt-0001");
        await executor.ClickAsync("button:text('Record as executed')");
        await executor.ArriveAtAsync($"**/cases/{caseId}");
        Assert.Equal("executed", (await executor.InnerTextAsync("h1 .state")).Trim());
        await BrowserSession.ScreenshotAsync(executor, "06-case-executed");

        server.Time.Advance(TimeSpan.FromMinutes(10));
        await RecordTaskAsync(desk, caseId, "revoke_sessions");
        Assert.Equal("validating", (await desk.InnerTextAsync("h1 .state")).Trim());
        Assert.Equal(0, await desk.Locator("a:text('Close the case')").CountAsync());
        await RecordRemainingTasksAsync(desk, caseId);

        // Post-reset validation done: the desk closes the case.
        await desk.ClickAsync("a:text('Close the case')");
        await desk.FillAsync("#CloseNote", "all four tasks confirmed with the user");
        await BrowserSession.ScreenshotAsync(desk, "06b-close-page");
        await desk.ClickAsync("button:text('Close the case')");
        await desk.ArriveAtAsync($"**/cases/{caseId}");
        Assert.Equal("closed", (await desk.InnerTextAsync("h1 .state")).Trim());
        Assert.Equal(CaseState.Closed, server.Database.Cases.Find(caseId)!.State);

        // The auditor sees the chain with every entry proven against the signed checkpoint, and the bundle verifies.
        var auditor = await browser.SignInAsync("ann.auditor", Role.Auditor);
        await auditor.VisitAsync($"/evidence/{caseId}");
        var entries = server.Database.Cases.EntryIndices(caseId).Count;
        Assert.Equal(11, entries); // open, two verifications, approval, execution, five tasks, close
        Assert.Equal($"{entries} of {entries} entries proven included.", (await auditor.InnerTextAsync("#chain-status")).Trim());
        Assert.StartsWith("✔", (await auditor.InnerTextAsync("#signature-status")).Trim(), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(auditor, "07-evidence-timeline");
        var download = await auditor.RunAndWaitForDownloadAsync(() => auditor.ClickAsync("a:text('Download the evidence bundle')"));
        var path = Path.Combine(server.Folder, "downloaded.bundle.json");
        Assert.Null(await download.FailureAsync());
        await download.SaveAsAsync(path);
        var report = BundleVerifier.Verify(await File.ReadAllBytesAsync(path), server.Database.Log.Verifier);
        Assert.True(report.IsValid, string.Join("; ", report.Failures.Select(f => $"{f.Check}: {f.Message}")));
        Assert.Equal(caseId, report.Account?.CaseId);

        await auditor.VisitAsync("/log");
        await BrowserSession.ScreenshotAsync(auditor, "08-log");
        await auditor.VisitAsync("/");
        Assert.Equal(5, await auditor.Locator("svg.chart[role='img']").CountAsync());
        Assert.Contains("stacked by kind: mfa_factor 1.", await auditor.Locator("#chart-resetsperdaybykind-d").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("1", (await auditor.Locator("table:has(caption:text('by kind')) tbody tr:last-child td").TextContentAsync())?.Trim());
        await BrowserSession.ScreenshotAsync(auditor, "09-dashboard");
        await auditor.VisitAsync("/findings");
        await BrowserSession.ScreenshotAsync(auditor, "10-findings");
        await desk.VisitAsync("/cases");
        await BrowserSession.ScreenshotAsync(desk, "11-cases");

        Assert.True(browser.ConsoleErrors.Count == 0, string.Join("\n", browser.ConsoleErrors));
    });

    [Fact]
    public Task An_approver_cannot_approve_a_request_they_verified_through_the_page_or_the_api() => BrowserRetry.RunAsync(async () =>
    {
        await using var server = await StartWithPolicyAsync();
        await using var browser = await BrowserSession.StartAsync(server);
        var both = await browser.SignInAsync("sam.both", Role.DeskAgent, Role.Approver);
        var caseId = await OpenCaseAsync(both, "INC0099999");
        await VerifyAsync(both, caseId, "push_to_enrolled_device");
        await VerifyAsync(both, caseId, "callback_on_record");

        await both.VisitAsync($"/cases/{caseId}/approve");
        await both.SelectOptionAsync("#Authority", "service_desk_lead");
        await both.ClickAsync("button:text('Approve')");
        var refusal = await both.InnerTextAsync("[role='alert']");
        Assert.Contains("RT-2101", refusal, StringComparison.Ordinal);
        Assert.Contains("separation of duties", refusal, StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(both, "12-self-approval-refused");

        // The API refuses the same person the same way: the approve endpoint called with the session cookie the sign-in
        // page gave this browser context (the server takes the approver from the session, never from the body).
        var refused = await both.Context.APIRequest.PostAsync($"/api/v1/cases/{caseId}/approve", new APIRequestContextOptions
        {
            DataObject = new { authority = "service_desk_lead", digest = server.Database.Cases.Find(caseId)!.ApprovalDigest(), emergency = false },
        });
        Assert.Equal((int)HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("RT-2101", await refused.TextAsync(), StringComparison.Ordinal);

        var current = server.Database.Cases.Find(caseId)!;
        Assert.Equal(CaseState.AwaitingApproval, current.State);
        Assert.Empty(current.Approvals);
        // The refusal page answers 409, which the browser logs as a failed load; nothing else may be logged.
        Assert.DoesNotContain(browser.ConsoleErrors, e => !e.Contains("409", StringComparison.Ordinal));
    });

    [Fact]
    public Task A_desk_agent_cancels_a_case_giving_a_reason_next_to_its_field_and_an_approver_may_not() => BrowserRetry.RunAsync(async () =>
    {
        await using var server = await StartWithPolicyAsync();
        await using var browser = await BrowserSession.StartAsync(server);
        var desk = await browser.SignInAsync("dana.desk", Role.DeskAgent);
        var caseId = await OpenCaseAsync(desk, "INC0055555");

        var approver = await browser.SignInAsync("alex.approver", Role.Approver);
        await approver.VisitAsync($"/cases/{caseId}");
        Assert.Equal(0, await approver.Locator("a:text('Cancel the case')").CountAsync());
        Assert.Equal(403, (await approver.VisitAsync($"/cases/{caseId}/end"))!.Status);

        await desk.VisitAsync($"/cases/{caseId}");
        await desk.ClickAsync("a:text('Cancel the case')");
        await desk.FillAsync("#CancelReason", "   ");
        var blank = await desk.RunAndWaitForResponseAsync(() => desk.ClickAsync("button:text('Cancel the case')"), r => r.Request.Method == "POST");
        Assert.Equal(400, blank.Status);
        Assert.Equal("true", await desk.GetAttributeAsync("#CancelReason", "aria-invalid"));
        Assert.Equal("CancelReason-error", await desk.GetAttributeAsync("#CancelReason", "aria-describedby"));
        Assert.Contains("say why the case is cancelled", await desk.InnerTextAsync("#CancelReason-error"), StringComparison.Ordinal);
        Assert.Equal(CaseState.Opened, server.Database.Cases.Find(caseId)!.State);
        await BrowserSession.ScreenshotAsync(desk, "13-cancel-reason-missing");

        await desk.FillAsync("#CancelReason", "the caller hung up before verification");
        await desk.ClickAsync("button:text('Cancel the case')");
        await desk.ArriveAtAsync($"**/cases/{caseId}");
        Assert.Equal("cancelled", (await desk.InnerTextAsync("h1 .state")).Trim());
        Assert.Contains("dana.desk", await desk.InnerTextAsync("ol.steps li:last-child"), StringComparison.Ordinal);
        Assert.Equal(CaseState.Cancelled, server.Database.Cases.Find(caseId)!.State);
        await desk.VisitAsync($"/cases/{caseId}/end");
        Assert.Contains("nothing left to end", await desk.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.True(browser.ConsoleErrors.All(e => e.Contains("status of 400", StringComparison.Ordinal) || e.Contains("status of 403", StringComparison.Ordinal)), string.Join("\n", browser.ConsoleErrors));
    });

    [Fact]
    public Task An_emergency_reset_gets_its_event_linked_and_is_reviewed_by_security_before_it_closes() => BrowserRetry.RunAsync(async () =>
    {
        await using var server = await StartWithPolicyAsync();
        await using var browser = await BrowserSession.StartAsync(server);
        var desk = await browser.SignInAsync("dana.desk", Role.DeskAgent);
        var caseId = await OpenCaseAsync(desk, "INC0077777", groups: "IT Operations", kind: "password");
        Assert.Contains("privileged", await desk.InnerTextAsync(".facts"), StringComparison.Ordinal);
        await VerifyAsync(desk, caseId, "push_to_enrolled_device");
        await VerifyAsync(desk, caseId, "callback_on_record");

        // The approver takes the emergency path the rule offers.
        var approver = await browser.SignInAsync("alex.approver", Role.Approver);
        await approver.VisitAsync($"/cases/{caseId}/approve");
        await approver.SelectOptionAsync("#Authority", "it_manager");
        await approver.CheckAsync("#Emergency");
        await approver.FillAsync("#ApproveReason", "production outage: the on-call engineer is locked out");
        await approver.ClickAsync("button:text('Approve')");
        await approver.ArriveAtAsync($"**/cases/{caseId}");
        Assert.True(server.Database.Cases.Find(caseId)!.EmergencyPath);

        // The executor records the reset without the provider's event id, then links it; a time it cannot read is refused at its field.
        var executor = await browser.SignInAsync("erin.exec", Role.Executor);
        await executor.VisitAsync($"/cases/{caseId}/execute");
        await executor.ClickAsync("button:text('Record as executed')");
        await executor.ArriveAtAsync($"**/cases/{caseId}");
        await executor.ClickAsync("a:text('Link the identity provider')");
        await executor.FillAsync("#Source", "okta");
        await executor.FillAsync("#EventId", "okta-evt-0777");
        await executor.FillAsync("#ChangedAt", "yesterday");
        await executor.ClickAsync("button:text('Link the event')");
        Assert.Contains("is not a time", await executor.InnerTextAsync("#ChangedAt-error"), StringComparison.Ordinal);
        Assert.Equal("okta-evt-0777", await executor.InputValueAsync("#EventId"));
        await BrowserSession.ScreenshotAsync(executor, "14-link-time-refused");
        await executor.FillAsync("#ChangedAt", "2026-11-27T09:01:00Z");
        await executor.ClickAsync("button:text('Link the event')");
        await executor.ArriveAtAsync($"**/cases/{caseId}");
        var link = Assert.Single(server.Database.Cases.Find(caseId)!.IdpEvents);
        Assert.Equal(("okta", "okta-evt-0777", new DateTimeOffset(2026, 11, 27, 9, 1, 0, TimeSpan.Zero)), (link.Source, link.EventId, link.ChangedAt));

        await RecordRemainingTasksAsync(desk, caseId);

        // Every task is done, but the emergency review is not: the desk sees no close link, and closing is refused.
        Assert.Equal(0, await desk.Locator("a:text('Close the case')").CountAsync());
        Assert.Equal(0, await desk.Locator("a:text('Review the emergency reset')").CountAsync());
        Assert.Equal(403, (await desk.VisitAsync($"/cases/{caseId}/review"))!.Status);
        await desk.VisitAsync($"/cases/{caseId}/end");
        await desk.ClickAsync("button:text('Close the case')");
        Assert.Contains("RT-2503", await desk.InnerTextAsync("[role='alert']"), StringComparison.Ordinal);

        // Security reviews it, as the authority the policy names.
        var analyst = await browser.SignInAsync("sid.security", Role.SecurityAnalyst);
        await analyst.VisitAsync($"/cases/{caseId}");
        await analyst.ClickAsync("a:text('Review the emergency reset')");
        Assert.Equal("security", await analyst.InputValueAsync("#Authority"));
        await analyst.FillAsync("#ReviewNote", "outage ticket and on-call roster match the caller");
        await BrowserSession.ScreenshotAsync(analyst, "15-emergency-review");
        await analyst.ClickAsync("button:text('Record the review')");
        await analyst.ArriveAtAsync($"**/cases/{caseId}");
        Assert.Contains("emergency path reviewed", await analyst.InnerTextAsync("ol.steps"), StringComparison.Ordinal);
        Assert.Equal("sid.security", server.Database.Cases.Find(caseId)!.EmergencyReview?.Reviewer);

        await desk.VisitAsync($"/cases/{caseId}");
        await desk.ClickAsync("a:text('Close the case')");
        await desk.ClickAsync("button:text('Close the case')");
        await desk.ArriveAtAsync($"**/cases/{caseId}");
        Assert.Equal("closed", (await desk.InnerTextAsync("h1 .state")).Trim());
        Assert.True(browser.ConsoleErrors.All(e => e.Contains("status of 400", StringComparison.Ordinal) || e.Contains("status of 403", StringComparison.Ordinal) || e.Contains("status of 409", StringComparison.Ordinal)), string.Join("\n", browser.ConsoleErrors));
    });

    [Fact]
    public Task A_security_analyst_filters_the_alerts_by_rule_severity_and_owner_and_follows_one_to_its_case_evidence() => BrowserRetry.RunAsync(async () =>
    {
        await using var server = await StartWithPolicyAsync(settings => settings with
        {
            Detection = new DetectionSettings { OcsfFile = Path.Combine(Path.GetDirectoryName(settings.Db)!, "alerts.ocsf.jsonl") },
        });
        await using var browser = await BrowserSession.StartAsync(server);
        var desk = await browser.SignInAsync("dana.desk", Role.DeskAgent);
        var caseId = await OpenCaseAsync(desk, "INC0088888");
        var at = server.Time.GetUtcNow();
        server.Services.GetRequiredService<IAlertOutbox>().Enqueue(
            [
                Alert("RT-D001", "One agent resets many accounts", Severity.High, "security-operations", "dana.desk", new AlertEvidence("case", $"{caseId}/1", "case_opened", at)),
                Alert("RT-D015", "Password reset of another user", Severity.Low, "identity-security", "homer@example.com", new AlertEvidence("okta", "okta-evt-42", "user.account.reset_password", at)),
            ],
            ["ocsf-file"], "test", "1");
        Assert.Equal(403, (await desk.VisitAsync("/alerts"))!.Status);

        var analyst = await browser.SignInAsync("sid.security", Role.SecurityAnalyst);
        await analyst.VisitAsync("/findings");
        await analyst.ClickAsync("main a:text('Alerts')");
        Assert.Equal("2 of 2 alert(s)", (await analyst.InnerTextAsync("table caption")).Trim());
        await BrowserSession.ScreenshotAsync(analyst, "16-alerts");

        await analyst.SelectOptionAsync("#severity", "high");
        await analyst.ClickAsync("button:text('Filter')");
        await analyst.ArriveAtAsync("**/alerts?*severity=high*");
        Assert.Equal("1 of 2 alert(s)", (await analyst.InnerTextAsync("table caption")).Trim());
        Assert.StartsWith("RT-D001", (await analyst.InnerTextAsync("tbody th")).Trim(), StringComparison.Ordinal);

        await analyst.VisitAsync("/alerts?owner=identity-security");
        Assert.Equal("identity-security", await analyst.InputValueAsync("#owner"));
        Assert.Contains("okta event okta-evt-42", await analyst.InnerTextAsync("tbody"), StringComparison.Ordinal);
        await analyst.VisitAsync("/alerts?rule=RT-D015&severity=high");
        Assert.Equal("0 of 2 alert(s)", (await analyst.InnerTextAsync("table caption")).Trim());

        await analyst.VisitAsync("/alerts?rule=RT-D001");
        await analyst.ClickAsync($"a:text('case {caseId} evidence')");
        await analyst.ArriveAtAsync($"**/evidence/{caseId}");
        Assert.Contains(caseId, await analyst.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.True(browser.ConsoleErrors.All(e => e.Contains("status of 403", StringComparison.Ordinal)), string.Join("\n", browser.ConsoleErrors));
    });

    [Fact]
    public Task Signing_out_ends_the_session_and_signing_in_again_asks_for_the_password_and_the_authenticator_code() => BrowserRetry.RunAsync(async () =>
    {
        await using var server = await StartWithPolicyAsync();
        await using var browser = await BrowserSession.StartAsync(server);
        browser.AddAccount("dana.desk", Role.DeskAgent);
        var page = await browser.NewPageAsync();
        await page.VisitAsync("/cases");
        Assert.Contains("/signin?ReturnUrl=%2Fcases", page.Url, StringComparison.Ordinal);

        await browser.SignInAgainAsync(page, "dana.desk", "00-first");
        var session = (await page.Context.CookiesAsync()).Single(c => c.Name == "resettrail");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        await page.VisitAsync("/cases");
        Assert.Equal("dana.desk", (await page.InnerTextAsync(".who strong")).Trim());

        await page.ClickAsync("button:text('Sign out')");
        await page.ArriveAtAsync("**/signin");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "resettrail");
        await page.VisitAsync("/cases");
        Assert.Contains("/signin?ReturnUrl=%2Fcases", page.Url, StringComparison.Ordinal);

        // The next 30-second step: the code that confirmed the enrolment may not be used twice.
        server.Time.Advance(TimeSpan.FromSeconds(30));
        await browser.SignInAgainAsync(page, "dana.desk", "00-again");
        await page.VisitAsync("/cases/open");
        Assert.Equal("Open a case from a ticket", (await page.InnerTextAsync("h1")).Trim());
        Assert.True(browser.ConsoleErrors.Count == 0, string.Join("\n", browser.ConsoleErrors));
    });

    [Fact]
    public Task A_form_post_without_its_antiforgery_token_is_refused_and_changes_nothing() => BrowserRetry.RunAsync(async () =>
    {
        await using var server = await StartWithPolicyAsync();
        using var client = server.ClientAs("dana.desk", Role.DeskAgent);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["TicketSystem"] = "servicenow", ["TicketKey"] = "INC1", ["Directory"] = "okta", ["TargetId"] = "jdoe",
            ["Kind"] = "password", ["Channel"] = "phone", ["Requester"] = "jdoe",
        });
        using var response = await client.PostAsync("cases/open", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(server.Database.Cases.List(new CaseQuery()));
    });

    [Fact]
    public Task Pages_are_closed_to_roles_without_their_permission_and_the_stylesheet_keeps_the_policy() => BrowserRetry.RunAsync(async () =>
    {
        await using var server = await StartWithPolicyAsync();
        using var auditor = server.ClientAs("ann.auditor", Role.Auditor);
        using var approve = await auditor.GetAsync("approvals");
        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
        using var css = await server.Anonymous().GetAsync("static/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", css.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var page = await auditor.GetAsync("log");
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
    });

    private static async Task<RunningServer> StartWithPolicyAsync(Func<ServerSettings, ServerSettings>? configure = null)
    {
        var server = await RunningServer.StartAsync(configure);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Web", "sample-policy.yaml"));
        var policy = PolicyLoader.Load(bytes, "sample-policy.yaml").Policy!;
        server.Database.Cases.Publish(bytes, policy.Hash, policy.Version, "sample-policy.yaml", "iam.admin", server.Time.GetUtcNow());
        return server;
    }

    private static Alert Alert(string rule, string title, Severity severity, string owner, string subject, AlertEvidence evidence) => new()
    {
        Id = AlertIds.Of(rule, subject, [evidence]),
        Rule = new RuleInfo(rule, title, severity, "T1098", owner),
        Subject = subject,
        Time = evidence.Time,
        WindowStart = evidence.Time,
        WindowEnd = evidence.Time,
        Threshold = "the rule's threshold",
        Summary = $"{title}: {subject}",
        Evidence = [evidence],
    };

    private static async Task<string> OpenCaseAsync(IPage page, string ticket, string groups = "", string kind = "mfa_factor")
    {
        await page.VisitAsync("/cases/open");
        await page.FillAsync("#TicketSystem", "servicenow");
        await page.FillAsync("#TicketKey", ticket);
        await page.FillAsync("#Directory", "okta");
        await page.FillAsync("#TargetId", "jdoe@example.com");
        await page.FillAsync("#DisplayName", "Jane Doe");
        await page.FillAsync("#Groups", groups);
        await page.SelectOptionAsync("#Kind", kind);
        await page.SelectOptionAsync("#Channel", "phone");
        await page.FillAsync("#Requester", "jdoe@example.com");
        await page.ClickAsync("button:text('Open case')");
        await page.ArriveAtAsync("**/cases/rc-*");
        return page.Url[(page.Url.LastIndexOf('/') + 1)..];
    }

    private static async Task RecordTaskAsync(IPage page, string caseId, string task)
    {
        await page.VisitAsync($"/cases/{caseId}/follow-up");
        await page.SelectOptionAsync("#Task", task);
        await page.ClickAsync("button:text('Record task')");
        await page.ArriveAtAsync($"**/cases/{caseId}");
    }

    /// <summary>Records every task the follow-up page still offers, one at a time.</summary>
    private static async Task RecordRemainingTasksAsync(IPage page, string caseId)
    {
        await page.VisitAsync($"/cases/{caseId}/follow-up");
        while (await page.Locator("#Task option").CountAsync() > 0)
        {
            await RecordTaskAsync(page, caseId, await page.Locator("#Task option").First.GetAttributeAsync("value") ?? string.Empty);
            await page.VisitAsync($"/cases/{caseId}/follow-up");
        }

        await page.VisitAsync($"/cases/{caseId}");
    }

    private static async Task VerifyAsync(IPage page, string caseId, string method)
    {
        await page.VisitAsync($"/cases/{caseId}/verify");
        await page.SelectOptionAsync("#Method", method);
        await page.CheckAsync("#passed");
        await page.ClickAsync("button:text('Record verification')");
        await page.ArriveAtAsync($"**/cases/{caseId}");
    }
}
