using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources;
using ResetTrail.Ingestion.Sources.Windows;

namespace ResetTrail.Ingestion.Tests.Sources.Windows;

public sealed class WindowsSourceTests
{
    private readonly WindowsSource _source = new();

    private static string Doc(int id) => IdpSampleFiles.PathOf("windows", $"event-{id}.event.xml");

    [Theory]
    [InlineData(4723)]
    [InlineData(4724)]
    [InlineData(4738)]
    [InlineData(4740)]
    [InlineData(4767)]
    public void Every_Microsoft_docs_event_reads_as_one_event_with_no_problem(int id)
    {
        var records = IdpSampleFiles.ReadFile(_source, Doc(id));

        var record = Assert.Single(records);
        Assert.Null(record.Problem);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), record.Event!.SourceEventType.Split(' ')[0]);
    }

    [Theory]
    [InlineData(4723, ChangeKind.PasswordChange, "CONTOSO\\dadmin", "S-1-5-21-3457937927-2839227994-823803824-1104", "CONTOSO\\dadmin", "2015-08-22T01:32:51.4945580Z", "175722")]
    [InlineData(4724, ChangeKind.PasswordReset, "CONTOSO\\User1", "S-1-5-21-3457937927-2839227994-823803824-1107", "CONTOSO\\dadmin", "2015-08-22T01:58:21.7258649Z", "175740")]
    [InlineData(4738, ChangeKind.Other, "CONTOSO\\ksmith", "S-1-5-21-3457937927-2839227994-823803824-6609", "CONTOSO\\dadmin", "2015-08-20T16:22:02.7924541Z", "175413")]
    [InlineData(4740, ChangeKind.AccountLocked, "Auditor", "S-1-5-21-3457937927-2839227994-823803824-2104", "CONTOSO\\DC01$", "2015-08-21T22:06:08.5768875Z", "175703")]
    [InlineData(4767, ChangeKind.AccountUnlocked, "CONTOSO\\Auditor", "S-1-5-21-3457937927-2839227994-823803824-2104", "CONTOSO\\dadmin", "2015-08-21T22:31:01.8719317Z", "175705")]
    public void Microsoft_docs_events_map_to_kind_target_actor_and_time(
        int id, ChangeKind kind, string target, string targetSid, string actor, string time, string recordId)
    {
        var e = IdpSampleFiles.ReadFile(_source, Doc(id)).Single().Event!;

        Assert.Equal(kind, e.Kind);
        Assert.Equal(target, e.Target.Name);
        Assert.Equal(targetSid, e.Target.Uid);
        Assert.Equal(actor, e.Actor?.Name);
        Assert.Equal(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), e.Time);
        Assert.Equal("DC01.contoso.local:" + recordId, e.SourceEventId);
        Assert.Equal("windows", e.Source);
        Assert.Equal("Microsoft Windows Security Auditing", e.ProductName);
        Assert.Equal("Microsoft", e.VendorName);
        Assert.Equal("event-" + id + ".event.xml:1", e.Location);
    }

    [Fact]
    public void A_4738_keeps_which_attributes_changed_in_the_event_type()
    {
        var e = IdpSampleFiles.ReadFile(_source, Doc(4738)).Single().Event!;

        // The docs sample changes only the UAC flags (0x15 → 0x211); every other attribute reads "-".
        Assert.Equal("4738 changed=UserAccountControl", e.SourceEventType);
        Assert.False(e.IsCredentialChange);
    }

    [Fact]
    public void A_4738_that_sets_the_password_last_set_says_so()
    {
        var xml = Strip(File.ReadAllText(Doc(4738)))
            .Replace("<Data Name=\"PasswordLastSet\">-</Data>", "<Data Name=\"PasswordLastSet\">8/20/2015 9:22:02 AM</Data>", StringComparison.Ordinal);

        var e = IdpSampleFiles.ReadText(_source, xml).Single().Event!;

        Assert.Equal(ChangeKind.Other, e.Kind);
        Assert.Equal("4738 changed=PasswordLastSet,UserAccountControl", e.SourceEventType);
    }

    [Fact]
    public void Events_concatenated_without_a_root_as_wevtutil_writes_them_are_all_read()
    {
        var xml = string.Concat(new[] { 4723, 4724, 4738, 4740, 4767 }.Select(id => Strip(File.ReadAllText(Doc(id))).Replace("\n", "", StringComparison.Ordinal)));

        var records = IdpSampleFiles.ReadText(_source, xml);

        Assert.Equal(5, records.Count);
        Assert.All(records, r => Assert.Null(r.Problem));
        Assert.Equal(
            [ChangeKind.PasswordChange, ChangeKind.PasswordReset, ChangeKind.Other, ChangeKind.AccountLocked, ChangeKind.AccountUnlocked],
            records.Select(r => r.Event!.Kind));
    }

    [Fact]
    public void Events_inside_an_Events_root_are_all_read()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Events>\n"
            + Strip(File.ReadAllText(Doc(4724))) + Strip(File.ReadAllText(Doc(4740))) + "</Events>\n";

        var records = IdpSampleFiles.ReadText(_source, xml);

        Assert.Equal([ChangeKind.PasswordReset, ChangeKind.AccountLocked], records.Select(r => r.Event!.Kind));
        Assert.Equal("input:3", records[0].Event!.Location);
    }

    [Fact]
    public void Xml_with_a_DTD_is_refused()
    {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Event [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
            + Strip(File.ReadAllText(Doc(4724))).Replace("<Data Name=\"TargetUserName\">User1</Data>", "<Data Name=\"TargetUserName\">&x;</Data>", StringComparison.Ordinal);

        var records = IdpSampleFiles.ReadText(_source, xml);

        var problem = Assert.Single(records).Problem;
        Assert.NotNull(problem);
        Assert.StartsWith("input:2", problem.Location, StringComparison.Ordinal);
        Assert.Contains("DTD", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_missing_its_id_is_reported_with_its_line_and_reading_goes_on()
    {
        var broken = Strip(File.ReadAllText(Doc(4723))).Replace("<EventID>4723</EventID>", "", StringComparison.Ordinal);
        var xml = broken + Strip(File.ReadAllText(Doc(4724)));

        var records = IdpSampleFiles.ReadText(_source, xml, "dc01.xml");

        Assert.Equal(2, records.Count);
        Assert.Equal(new RecordProblem("dc01.xml:1", "no EventID"), records[0].Problem);
        Assert.Equal(ChangeKind.PasswordReset, records[1].Event!.Kind);
    }

    [Fact]
    public void Xml_that_is_not_well_formed_is_reported_with_its_line()
    {
        var xml = Strip(File.ReadAllText(Doc(4724))) + "<Event><System><EventID>4723</EventID></Sys>";

        var records = IdpSampleFiles.ReadText(_source, xml, "dc01.xml");

        Assert.Equal(ChangeKind.PasswordReset, records[0].Event!.Kind);
        Assert.StartsWith("dc01.xml:", records[1].Problem!.Location, StringComparison.Ordinal);
        Assert.Contains("not well-formed", records[1].Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_OTRF_dataset_lines_read_with_no_problem()
    {
        var records = IdpSampleFiles.ReadFile(_source, IdpSampleFiles.PathOf("windows", "empire_wmic_add_user_backdoor_account_mgmt_events.jsonl"));

        Assert.All(records, r => Assert.Null(r.Problem));
        var events = records.Select(r => r.Event!).ToList();
        Assert.Equal(["4728", "4720", "4724", "4726"], events.Select(e => e.SourceEventType));

        // Adding backdoor to Domain Users (RID 513) is not a privileged group: kept as Other, with the group named.
        Assert.Equal(ChangeKind.Other, events[0].Kind);
        Assert.Equal("WORKSTATION6\\None", events[0].Role);
        Assert.Equal("S-1-5-21-1969843730-2406867588-1543852148-1000", events[0].Target.Uid);

        var reset = events[2];
        Assert.Equal(ChangeKind.PasswordReset, reset.Kind);
        Assert.Equal("S-1-5-21-1969843730-2406867588-1543852148-1000", reset.Target.Uid);
        Assert.Equal("THESHIRE\\pgustavo", reset.Actor!.Name);
        Assert.Equal("WORKSTATION6.theshire.local:56080", reset.SourceEventId);
        Assert.Equal(DateTimeOffset.Parse("2020-09-14T12:06:03.910Z", System.Globalization.CultureInfo.InvariantCulture), reset.Time);
        Assert.Equal("empire_wmic_add_user_backdoor_account_mgmt_events.jsonl:3", reset.Location);
    }

    [Fact]
    public void Winlogbeat_json_and_event_xml_of_the_same_event_map_alike()
    {
        // The 4724 of Microsoft's page as Winlogbeat 8 writes it (Elastic's winlog.* field reference).
        const string ecs = """
            {"@timestamp":"2015-08-22T01:58:21.7258649Z","event":{"code":"4724","provider":"Microsoft-Windows-Security-Auditing","action":"reset-password"},"host":{"name":"DC01.contoso.local"},"winlog":{"channel":"Security","computer_name":"DC01.contoso.local","event_id":"4724","record_id":175740,"provider_name":"Microsoft-Windows-Security-Auditing","event_data":{"TargetUserName":"User1","TargetDomainName":"CONTOSO","TargetSid":"S-1-5-21-3457937927-2839227994-823803824-1107","SubjectUserSid":"S-1-5-21-3457937927-2839227994-823803824-1104","SubjectUserName":"dadmin","SubjectDomainName":"CONTOSO","SubjectLogonId":"0x30d5f"}}}
            """;

        var fromJson = IdpSampleFiles.ReadText(_source, ecs + "\n").Single().Event!;
        var fromXml = IdpSampleFiles.ReadFile(_source, Doc(4724)).Single().Event!;

        Assert.Equal(fromXml with { Location = null }, fromJson with { Location = null });
    }

    [Fact]
    public void A_logon_is_a_sign_in_with_its_source_address()
    {
        const string ecs = """
            {"@timestamp":"2024-03-01T08:00:00Z","winlog":{"computer_name":"DC01.contoso.local","event_id":4624,"record_id":"9001","event_data":{"TargetUserName":"User1","TargetDomainName":"CONTOSO","TargetUserSid":"S-1-5-21-1-2-3-1107","SubjectUserName":"DC01$","SubjectDomainName":"CONTOSO","LogonType":"3","IpAddress":"10.0.0.5"}}}
            """;

        var e = IdpSampleFiles.ReadText(_source, ecs).Single().Event!;

        Assert.Equal(ChangeKind.SignIn, e.Kind);
        Assert.True(e.Success);
        Assert.Equal("10.0.0.5", e.SourceIp);
        Assert.Null(e.Actor);
    }

    [Fact]
    public void An_add_to_Domain_Admins_is_a_role_grant()
    {
        const string ecs = """
            {"@timestamp":"2024-03-01T08:00:00Z","winlog":{"computer_name":"DC01","event_id":4728,"record_id":7,"event_data":{"MemberName":"CN=User1,CN=Users,DC=contoso,DC=local","MemberSid":"S-1-5-21-1-2-3-1107","TargetUserName":"Domain Admins","TargetDomainName":"CONTOSO","TargetSid":"S-1-5-21-1-2-3-512","SubjectUserName":"dadmin","SubjectDomainName":"CONTOSO"}}}
            """;

        var e = IdpSampleFiles.ReadText(_source, ecs).Single().Event!;

        Assert.Equal(ChangeKind.RoleGranted, e.Kind);
        Assert.Equal("CONTOSO\\Domain Admins", e.Role);
        Assert.Equal("S-1-5-21-1-2-3-1107", e.Target.Uid);
    }

    [Fact]
    public void A_bad_json_line_is_reported_with_its_line_and_reading_goes_on()
    {
        var lines = File.ReadAllLines(IdpSampleFiles.PathOf("windows", "empire_wmic_add_user_backdoor_account_mgmt_events.jsonl"));
        var text = lines[0] + "\n{\"EventID\": 4724, \"RecordNumber\": \n" + lines[2] + "\n{\"EventID\":4724,\"Hostname\":\"h\"}\n";

        var records = IdpSampleFiles.ReadText(_source, text, "sec.jsonl");

        Assert.Equal(4, records.Count);
        Assert.NotNull(records[0].Event);
        Assert.Equal("sec.jsonl:2", records[1].Problem!.Location);
        Assert.Contains("not valid JSON", records[1].Problem!.Message, StringComparison.Ordinal);
        Assert.Equal(ChangeKind.PasswordReset, records[2].Event!.Kind);
        Assert.Equal("sec.jsonl:4", records[3].Problem!.Location);
    }

    [Theory]
    [InlineData("- <Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">", true)]
    [InlineData("{\"@timestamp\":\"2024-01-01T00:00:00Z\",\"winlog\":{\"event_id\":4724}}", true)]
    [InlineData("{\"EventID\":4724,\"SourceName\":\"Microsoft-Windows-Security-Auditing\"}", true)]
    [InlineData("{\"uuid\":\"x\",\"eventType\":\"user.account.reset_password\"}", false)]
    [InlineData("{\"activityDisplayName\":\"Reset password (by admin)\"}", false)]
    [InlineData("{\"kind\":\"admin#reports#activities\",\"items\":[]}", false)]
    public void Recognises_its_own_formats_only(string head, bool expected) =>
        Assert.Equal(expected, _source.Recognises(System.Text.Encoding.UTF8.GetBytes(head)));

    /// <summary>The rendered docs' "- " collapse markers, removed, for tests that build other documents from the samples.</summary>
    private static string Strip(string xml) =>
        string.Join('\n', xml.Split('\n').Select(l => l.TrimStart().StartsWith("- <", StringComparison.Ordinal) ? l.TrimStart()[2..] : l));
}
