using System.Text;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources;
using ResetTrail.Ingestion.Sources.Entra;
using ResetTrail.Ingestion.Sources.Okta;
using static ResetTrail.Ingestion.Tests.Sources.SourceTestData;

namespace ResetTrail.Ingestion.Tests.Sources;

/// <summary>The streaming reader under Okta and Entra: refills at every possible boundary, records larger than the buffer.</summary>
public sealed class JsonRecordReaderTests
{
    public static TheoryData<string, string> Fixtures => new()
    {
        { "okta", "system-log.array.json" },
        { "okta", "system-log.ndjson" },
        { "okta", "event-hook.json" },
        { "okta", "event-hook.ndjson" },
        { "entra", "graph-directoryAudits.page1.json" },
        { "entra", "graph-directoryAudits.page2.json" },
        { "entra", "graph-signIns.json" },
        { "entra", "loganalytics-auditlogs.ndjson" },
        { "entra", "diagnostic-records.json" },
    };

    private static IEventSource Source(string name) => name == "okta" ? new OktaSource() : new EntraSource();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Reading_a_few_bytes_at_a_time_gives_the_same_records(string source, string file)
    {
        var path = Path.Combine(Dir(source), "fixtures", file);
        var whole = Read(Source(source), path);

        foreach (var step in new[] { 1, 3, 17 })
        {
            using var trickle = new TrickleStream(File.OpenRead(path), step);
            var trickled = Source(source).Read(trickle, file).ToList();
            Assert.Equal(whole, trickled);
        }
    }

    [Fact]
    public void A_pretty_printed_page_far_larger_than_the_buffer_streams_record_by_record()
    {
        var page = new StringBuilder("{\n  \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#auditLogs/directoryAudits\",\n  \"value\": [\n");
        for (var i = 0; i < 5000; i++)
        {
            page.Append(i == 0 ? "    " : ",\n    ").Append(Json(new
            {
                id = $"Directory_{i}",
                activityDateTime = "2025-03-04T09:15:02Z",
                activityDisplayName = i % 2 == 0 ? "Reset password (by admin)" : "Update user",
                initiatedBy = new { user = new { id = "a1", userPrincipalName = "admin@contoso.com" } },
                targetResources = new[] { new { id = $"u{i}", type = "User", userPrincipalName = $"user{i}@contoso.com", displayName = new string('n', 200) } },
            }));
        }

        page.Append("\n  ],\n  \"@odata.nextLink\": \"https://graph.microsoft.com/v1.0/auditLogs/directoryAudits?$skiptoken=x\"\n}\n");

        var events = new EntraSource().Read(Utf8(page.ToString()), "big.json").Events();

        Assert.Equal(5000, events.Count);
        Assert.Equal(2500, events.Count(e => e.Kind == ChangeKind.PasswordReset));
        Assert.Equal("user4999@contoso.com", events[^1].Target.Key);
        Assert.Equal("big.json#5000", events[^1].Location);
    }

    [Fact]
    public void An_ndjson_line_longer_than_the_buffer_is_read_whole()
    {
        var line = Json(new { uuid = "u1", published = "2025-03-04T09:15:02Z", eventType = "user.session.start", debugContext = new { debugData = new { pad = new string('x', 300_000) } } });
        var text = line + "\n" + line.Replace("\"u1\"", "\"u2\"", StringComparison.Ordinal) + "\n";

        var events = new OktaSource().Read(new TrickleStream(Utf8(text), 4096), "long.ndjson").Events();

        Assert.Equal(["u1", "u2"], events.Select(e => e.SourceEventId));
        Assert.Equal("long.ndjson:2", events[1].Location);
    }

    [Fact]
    public void Blank_lines_and_a_byte_order_mark_are_skipped_and_an_empty_file_has_no_records()
    {
        var lines = File.ReadAllLines(Path.Combine(Dir("okta"), "fixtures", "system-log.ndjson"));
        var text = "\uFEFF\n" + lines[0] + "\r\n\r\n" + lines[1] + "\r\n";

        var events = new OktaSource().Read(Utf8(text), "crlf.ndjson").Events();

        Assert.Equal(["crlf.ndjson:2", "crlf.ndjson:4"], events.Select(e => e.Location));
        Assert.Empty(new OktaSource().Read(Utf8(""), "empty.json"));
        Assert.Empty(new OktaSource().Read(Utf8("  \n"), "blank.json"));
    }

    [Fact]
    public void A_single_object_that_is_no_known_wrapper_is_reported()
    {
        var records = new EntraSource().Read(Utf8("{\n  \"id\": \"x\",\n  \"activityDisplayName\": \"Reset password (by admin)\"\n}"), "one.json").ToList();

        Assert.Single(records);
        Assert.Contains("without a record array", records[0].Problem!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("windows")]
    [InlineData("keycloak")]
    [InlineData("google_workspace")]
    public void Okta_and_entra_leave_the_other_sources_samples_alone(string folder)
    {
        var files = Directory.EnumerateFiles(Dir(folder)).Where(f => !f.EndsWith(".md", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith("LICENSE", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var head = bytes.AsSpan(0, Math.Min(4096, bytes.Length)).ToArray();
            Assert.False(new OktaSource().Recognises(head), file);
            Assert.False(new EntraSource().Recognises(head), file);
        }
    }
}
