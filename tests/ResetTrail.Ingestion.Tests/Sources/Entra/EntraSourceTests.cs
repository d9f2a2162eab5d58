using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources;
using ResetTrail.Ingestion.Sources.Entra;
using ResetTrail.Ingestion.Sources.Okta;
using static ResetTrail.Ingestion.Tests.Sources.SourceTestData;

namespace ResetTrail.Ingestion.Tests.Sources.Entra;

/// <summary>
/// Entra ID on the Panther samples (diagnostic-settings and Office 365 shapes) and on fixtures written from
/// Microsoft's documentation, because no published raw record exists for "Reset password (by admin)", "Reset user
/// password", security-info registration or Temporary Access Pass: the Graph directoryAudit and signIn resources,
/// the Log Analytics AuditLogs table and the audit activity reference (TestData/entra/README.md).
/// </summary>
public sealed class EntraSourceTests
{
    private readonly EntraSource source = new();

    private static string Fixture(string name) => Path.Combine(Dir("entra"), "fixtures", name);

    private static string Sample(string name) => Path.Combine(Dir("entra"), name);

    private List<SourceRecord> ReadSample(string path)
    {
        using var stream = Unwrapped(path);
        return [.. source.Read(stream, Path.GetFileName(path))];
    }

    private List<IdentityEvent> Page1() => Read(source, Fixture("graph-directoryAudits.page1.json")).Events();

    [Fact]
    public void Every_complete_sample_record_parses_and_every_trimmed_one_is_reported_with_what_it_lacks()
    {
        var events = 0;
        var trimmed = 0;
        foreach (var path in Samples("entra"))
        {
            foreach (var record in ReadSample(path))
            {
                if (record.Event is not null)
                {
                    events++;
                    continue;
                }

                trimmed++;
                Assert.Matches(@"\.jsonl:\d+$", record.Problem!.Location);
                Assert.Matches("^not an Entra (audit|sign-in|Office 365) record: no id$", record.Problem.Message);
            }
        }

        // Panther's fixtures: 55 records; 24 diagnostic-settings records were trimmed of properties.id (checked with jq).
        Assert.Equal(55, events + trimmed);
        Assert.Equal(31, events);
    }

    [Fact]
    public void Reset_password_by_admin_is_a_password_reset_of_the_target_by_the_initiating_user()
    {
        var e = Page1().Single(x => x.SourceEventType == "Reset password (by admin)");

        Assert.Equal(ChangeKind.PasswordReset, e.Kind);
        Assert.Equal("Directory_3e7d2f7a-0001", e.SourceEventId);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 9, 15, 2, TimeSpan.Zero).AddTicks(1234567), e.Time);
        Assert.Equal("bob@contoso.com", e.Target.Key);
        Assert.Equal("b0b0b0b0-0000-4000-8000-00000000b0b0", e.Target.Uid);
        Assert.Equal("helpdesk.admin@contoso.com", e.Actor!.Key);
        Assert.Equal("198.51.100.7", e.SourceIp);
        Assert.Equal("Microsoft Entra ID", e.ProductName);
        Assert.Equal("Microsoft", e.VendorName);
        Assert.True(e.IsCredentialChange);
    }

    [Fact]
    public void Activity_names_map_as_entra_writes_them()
    {
        var byId = Page1().ToDictionary(e => e.SourceEventId);

        Assert.Equal(ChangeKind.PasswordReset, byId["SSGM_3e7d2f7a-0002"].Kind);
        Assert.Equal("ServicePrincipal", byId["SSGM_3e7d2f7a-0002"].Actor!.Type);
        Assert.Equal("Password Automation", byId["SSGM_3e7d2f7a-0002"].Actor!.Name);
        Assert.Equal(ChangeKind.TemporaryAccessPassIssued, byId["UserManagement_3e7d2f7a-0003"].Kind);
        Assert.Equal(ChangeKind.MfaFactorEnabled, byId["UserManagement_3e7d2f7a-0004"].Kind);
        Assert.Equal(ChangeKind.MfaFactorDisabled, byId["UserManagement_3e7d2f7a-0005"].Kind);
        Assert.Equal(ChangeKind.MfaFactorDisabled, byId["Directory_3e7d2f7a-0006"].Kind);
        Assert.Equal("MethodType 6", byId["Directory_3e7d2f7a-0006"].FactorType);
        Assert.Equal(ChangeKind.PasswordChange, byId["Directory_3e7d2f7a-0007"].Kind);
        Assert.False(byId["Directory_3e7d2f7a-0007"].Success);
    }

    [Fact]
    public void Office_365_update_user_with_strong_authentication_methods_is_a_factor_change()
    {
        var events = ReadSample(Sample("Update_user..jsonl")).Events();

        Assert.Equal(ChangeKind.MfaFactorEnabled, events[0].Kind);
        Assert.Equal(ChangeKind.MfaFactorDisabled, events[1].Kind);
        Assert.Equal("MethodType 7", events[1].FactorType);
        Assert.Equal("Update user.", events[1].SourceEventType);
        Assert.Equal("sample.user@yourorg.onmicrosoft.com", events[1].Target.Key);
        Assert.Equal("111-aa-bbb-321", events[1].Target.Uid);
        Assert.Equal("ServicePrincipal_aa-bb-ccc", events[1].Actor!.Key);
        Assert.Equal(new DateTimeOffset(2022, 12, 12, 17, 28, 35, TimeSpan.Zero), events[1].Time);
    }

    [Fact]
    public void Pim_completed_assignment_is_a_role_grant_and_the_request_is_not()
    {
        var completed = ReadSample(Sample("Add_member_to_role_in_PIM_completed_(permanent).jsonl")).Events().Single();
        Assert.Equal(ChangeKind.RoleGranted, completed.Kind);
        Assert.Equal("Application Administrator", completed.Role);
        Assert.Equal("Malenia", completed.Target.DisplayName);
        Assert.Equal("Radahn@Starscourge.onmicrosoft.com", completed.Actor!.Key);

        var requested = ReadSample(Sample("Add_member_to_role_in_PIM_requested_(permanent).jsonl")).Events().Single();
        Assert.Equal(ChangeKind.Other, requested.Kind);
    }

    [Fact]
    public void Sign_ins_succeed_on_error_code_zero()
    {
        var graph = Read(source, Fixture("graph-signIns.json")).Events();
        Assert.All(graph, e => Assert.Equal(ChangeKind.SignIn, e.Kind));
        Assert.True(graph[0].Success);
        Assert.False(graph[1].Success);
        Assert.Equal("bob@contoso.com", graph[0].Target.Key);
        Assert.Equal("US", graph[0].Country);

        var diagnostic = ReadSample(Sample("Sign-in_activity.jsonl")).Where(r => r.Event is not null).Select(r => r.Event!).ToList();
        Assert.All(diagnostic, e => Assert.Equal(ChangeKind.SignIn, e.Kind));
        Assert.Contains(diagnostic, e => e.Success);
        Assert.Contains(diagnostic, e => !e.Success);

        var o365 = ReadSample(Sample("UserLoginFailed.jsonl")).Events().Single();
        Assert.Equal(ChangeKind.SignIn, o365.Kind);
        Assert.False(o365.Success);
    }

    [Theory]
    [InlineData("loganalytics-auditlogs.ndjson")]
    [InlineData("diagnostic-records.json")]
    public void Log_analytics_and_diagnostic_settings_give_the_same_reset_as_graph(string file)
    {
        static object Key(IdentityEvent e) => (e.SourceEventId, e.SourceEventType, e.Kind, e.Time, e.Target.Key, e.Target.Uid, e.Actor?.Key, e.Success, e.SourceIp);
        var graph = Page1().Single(e => e.SourceEventId == "Directory_3e7d2f7a-0001");

        var other = Read(source, Fixture(file)).Events().Single();

        Assert.Equal(Key(graph), Key(other));
    }

    [Fact]
    public void A_page_with_no_records_gives_none_and_the_next_link_is_skipped()
    {
        Assert.Empty(Read(source, Fixture("graph-directoryAudits.page2.json")));
        Assert.Equal("graph-directoryAudits.page1.json#7", Page1()[^1].Location);
    }

    [Fact]
    public void A_malformed_line_is_reported_with_file_and_line_and_reading_goes_on()
    {
        var lines = File.ReadAllLines(Sample("UserLoggedIn.jsonl")).Concat(File.ReadAllLines(Sample("UserLoginFailed.jsonl")))
            .Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!["event"]!.ToJsonString()).ToList();
        var text = string.Join('\n', lines[0], "{\"Id\": \"x\", ", lines[1]);

        var records = source.Read(Utf8(text), "o365.ndjson").ToList();

        Assert.Equal(3, records.Count);
        Assert.Equal("o365.ndjson:2", records[1].Problem!.Location);
        Assert.Equal("o365.ndjson:3", records[2].Event!.Location);
    }

    [Fact]
    public void A_page_cut_short_reports_once_and_stops()
    {
        var text = File.ReadAllText(Fixture("graph-directoryAudits.page1.json"));
        var cut = text[..text.IndexOf("SSGM_3e7d2f7a-0002", StringComparison.Ordinal)];

        var records = source.Read(Utf8(cut), "cut.json").ToList();

        Assert.Equal(2, records.Count);
        Assert.NotNull(records[0].Event);
        Assert.Equal("cut.json#2", records[1].Problem!.Location);
    }

    [Fact]
    public void Recognises_every_entra_shape_and_rejects_okta()
    {
        var okta = new OktaSource();
        foreach (var file in new[] { "graph-directoryAudits.page1.json", "graph-signIns.json", "loganalytics-auditlogs.ndjson", "diagnostic-records.json" })
        {
            Assert.True(source.Recognises(Head(Fixture(file))), file);
            Assert.False(okta.Recognises(Head(Fixture(file))), file);
        }

        foreach (var sample in new[] { "Update_user..jsonl", "Sign-in_activity.jsonl", "Add_member_to_role.jsonl", "UserLoggedIn.jsonl" })
        {
            using var stream = (MemoryStream)Unwrapped(Sample(sample));
            var head = stream.ToArray().AsSpan(0, (int)Math.Min(4096, stream.Length)).ToArray();
            Assert.True(source.Recognises(head), sample);
            Assert.False(okta.Recognises(head), sample);
        }

        Assert.False(source.Recognises(Head(Path.Combine(Dir("okta"), "fixtures", "event-hook.json"))));
    }
}
