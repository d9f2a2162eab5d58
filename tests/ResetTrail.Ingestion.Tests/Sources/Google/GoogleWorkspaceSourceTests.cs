using System.Globalization;
using System.Text.Json.Nodes;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources;
using ResetTrail.Ingestion.Sources.Google;

namespace ResetTrail.Ingestion.Tests.Sources.Google;

public sealed class GoogleWorkspaceSourceTests
{
    private readonly GoogleWorkspaceSource _source = new();

    public static TheoryData<string> SampleFiles() => [.. IdpSampleFiles.Files("google_workspace", "*.jsonl").Select(f => Path.GetFileName(f))];

    private static JsonObject Sample(string file, int line = 0) =>
        JsonNode.Parse(File.ReadLines(IdpSampleFiles.PathOf("google_workspace", file)).ElementAt(line))!["event"]!.DeepClone().AsObject();

    /// <summary>
    /// The panther-analysis fixtures are trimmed: most have no id.time. A record without a time is reported (never
    /// given an invented one); every record that has one reads with no problem.
    /// </summary>
    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Every_sample_with_a_time_reads_with_no_problem_and_one_without_is_reported(string file)
    {
        var path = IdpSampleFiles.PathOf("google_workspace", file);
        var text = IdpSampleFiles.UnwrapDerived(path);
        var hasTime = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!["id"]?["time"] is not null).ToList();

        var records = IdpSampleFiles.ReadText(_source, text, file);

        Assert.Equal(hasTime.Count, records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            if (hasTime[i])
            {
                Assert.Null(records[i].Problem);
                Assert.Equal("Google Workspace Reports API", records[i].Event!.ProductName);
                Assert.Equal("Google", records[i].Event!.VendorName);
            }
            else
            {
                Assert.Equal($"{file}:{i + 1}", records[i].Problem!.Location);
                Assert.Contains("no id.time", records[i].Problem!.Message, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("2sv_disable.jsonl", ChangeKind.MfaFactorDisabled, true)]
    [InlineData("2sv_enroll.jsonl", ChangeKind.MfaFactorEnabled, true)]
    [InlineData("login_success.jsonl", ChangeKind.SignIn, true)]
    public void Samples_map_to_their_kinds_once_given_the_time_the_fixture_left_out(string file, ChangeKind kind, bool success)
    {
        var record = Sample(file);
        record["id"]!["time"] = "2024-05-02T10:15:01.123Z";
        record["id"]!["uniqueQualifier"] = "-4242";

        var e = IdpSampleFiles.ReadText(_source, record.ToJsonString()).Single().Event!;

        Assert.Equal(kind, e.Kind);
        Assert.Equal(success, e.Success);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), e.SourceEventType);
        Assert.Equal("-4242:0", e.SourceEventId);
        Assert.Equal(DateTimeOffset.Parse("2024-05-02T10:15:01.123Z", CultureInfo.InvariantCulture), e.Time);
        Assert.Equal(record["actor"]!["email"]!.GetValue<string>(), e.Target.Email);
    }

    [Fact]
    public void A_recovery_email_edit_is_kept_as_other_for_the_user()
    {
        var text = IdpSampleFiles.UnwrapDerived(IdpSampleFiles.PathOf("google_workspace", "recovery_email_edit.jsonl"));

        var e = IdpSampleFiles.ReadText(_source, text).Single().Event!;

        Assert.Equal(ChangeKind.Other, e.Kind);
        Assert.Equal("recovery_email_edit", e.SourceEventType);
        Assert.Equal("user@example.io", e.Target.Email);
        Assert.Equal("111111111111111111111", e.Target.Uid);
        Assert.Equal("517500000000000000:0", e.SourceEventId);
        Assert.Equal(DateTimeOffset.Parse("2022-12-29T22:42:44.467Z", CultureInfo.InvariantCulture), e.Time);
        Assert.Equal("2600:2600:2600:2600:2600:2600:2600:2600", e.SourceIp);
    }

    [Fact]
    public void A_Reports_API_page_yields_one_event_per_activity_event()
    {
        // Shape from the Reports API reference (activities.list): events[] with parameters as [{name, value}].
        const string page = """
            {
              "kind": "admin#reports#activities",
              "items": [
                {
                  "kind": "admin#reports#activity",
                  "id": {"time": "2024-05-02T10:15:01.123Z", "uniqueQualifier": "-1001", "applicationName": "admin", "customerId": "C0123"},
                  "actor": {"callerType": "USER", "email": "helpdesk@example.com", "profileId": "100200300"},
                  "ipAddress": "192.0.2.10",
                  "events": [
                    {"type": "USER_SETTINGS", "name": "CHANGE_PASSWORD", "parameters": [{"name": "USER_EMAIL", "value": "alice@example.com"}]},
                    {"type": "USER_SETTINGS", "name": "GENERATE_2SV_SCRATCH_CODES", "parameters": [{"name": "USER_EMAIL", "value": "alice@example.com"}]},
                    {"type": "DELEGATED_ADMIN_SETTINGS", "name": "ASSIGN_ROLE", "parameters": [{"name": "ROLE_NAME", "value": "_SEED_ADMIN_ROLE"}, {"name": "USER_EMAIL", "value": "alice@example.com"}]}
                  ]
                },
                {
                  "kind": "admin#reports#activity",
                  "id": {"time": "2024-05-02T10:16:00Z", "uniqueQualifier": "-1002", "applicationName": "user_accounts"},
                  "actor": {"callerType": "USER", "email": "alice@example.com", "profileId": "400500600"},
                  "events": [{"type": "password_change", "name": "password_edit"}]
                },
                {
                  "kind": "admin#reports#activity",
                  "id": {"time": "2024-05-02T10:17:00Z", "uniqueQualifier": "-1003", "applicationName": "login"},
                  "actor": {"email": "alice@example.com", "profileId": "400500600"},
                  "ipAddress": "203.0.113.9",
                  "events": [{"type": "login", "name": "login_failure", "parameters": [{"name": "login_type", "value": "google_password"}, {"name": "login_failure_type", "value": "login_failure_invalid_password"}]}]
                }
              ]
            }
            """;

        var events = IdpSampleFiles.ReadText(_source, page, "page1.json").Select(r => r.Event!).ToList();

        Assert.Equal(
            [
                (ChangeKind.PasswordReset, true, "-1001:0"), (ChangeKind.RecoveryCodesChanged, true, "-1001:1"),
                (ChangeKind.RoleGranted, true, "-1001:2"), (ChangeKind.PasswordChange, true, "-1002:0"), (ChangeKind.SignIn, false, "-1003:0"),
            ],
            events.Select(e => (e.Kind, e.Success, e.SourceEventId)));
        Assert.All(events.Take(3), e => Assert.Equal("alice@example.com", e.Target.Email));
        Assert.All(events.Take(3), e => Assert.Equal("helpdesk@example.com", e.Actor!.Email));
        Assert.Equal("_SEED_ADMIN_ROLE", events[2].Role);
        Assert.True(events[0].IsCredentialChange);
        Assert.Equal("page1.json#1/items[0]/events[1]", events[1].Location);
    }

    [Fact]
    public void A_bad_line_is_reported_with_its_line_and_reading_goes_on()
    {
        const string text = """
            {"id": {"time": "2024-05-02T10:16:00Z", "uniqueQualifier": "-1", "applicationName": "user_accounts"}, "actor": {"email": "a@example.com"}, "events": [{"name": "2sv_disable"}]}
            {"id": {"time": "2024-05-02T10:16:00Z", "applicationName": "user_accounts"
            {"id": {"time": "last tuesday", "uniqueQualifier": "-3", "applicationName": "login"}, "events": [{"name": "login_success"}]}
            {"id": {"time": "2024-05-02T10:18:00Z", "uniqueQualifier": "-4", "applicationName": "login"}, "actor": {"email": "a@example.com"}, "events": [{"name": "login_success"}]}
            """;

        var records = IdpSampleFiles.ReadText(_source, text, "acts.jsonl");

        Assert.Equal(ChangeKind.MfaFactorDisabled, records[0].Event!.Kind);
        Assert.Equal("acts.jsonl:2", records[1].Problem!.Location);
        Assert.Equal("acts.jsonl:3/events[0]", records[2].Problem!.Location);
        Assert.Contains("not a timestamp", records[2].Problem!.Message, StringComparison.Ordinal);
        Assert.Equal(ChangeKind.SignIn, records[3].Event!.Kind);
    }

    [Theory]
    [InlineData("{\"kind\":\"admin#reports#activities\",\"items\":[]}", true)]
    [InlineData("{\"id\":{\"applicationName\":\"login\"}}", true)]
    [InlineData("{\"uuid\":\"x\",\"eventType\":\"user.account.reset_password\"}", false)]
    [InlineData("{\"activityDisplayName\":\"Reset password (by admin)\"}", false)]
    [InlineData("{\"time\":1,\"type\":\"LOGIN\",\"realmId\":\"acme\"}", false)]
    public void Recognises_its_own_formats_only(string head, bool expected) =>
        Assert.Equal(expected, _source.Recognises(System.Text.Encoding.UTF8.GetBytes(head)));
}
