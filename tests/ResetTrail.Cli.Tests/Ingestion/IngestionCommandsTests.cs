using System.IO.Compression;
using System.Text.Json;

namespace ResetTrail.Cli.Tests.Ingestion;

/// <summary>normalize and reconcile from the command line, on the real Windows event samples (CC BY 4.0, Microsoft docs).</summary>
public sealed class IngestionCommandsTests
{
    private static string Sample(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "ResetTrail.Ingestion.Tests", "TestData", "windows", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{name} not found");
    }

    [Fact]
    public void Normalize_writes_ocsf_lines_and_reads_gzip_directly()
    {
        using var cli = new CliRunner();
        var xml = Sample("event-4724.event.xml");
        var gz = Path.Combine(cli.Folder, "events.xml.gz");
        using (var output = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
        {
            output.Write(File.ReadAllBytes(xml));
        }

        var plain = cli.Run("normalize", xml);
        var zipped = cli.Run("normalize", gz);

        Assert.Equal(0, plain.ExitCode);
        static string WithoutLocation(string output) =>
            System.Text.RegularExpressions.Regex.Replace(output, "\"source_location\":\"[^\"]*\"", string.Empty);
        Assert.Equal(WithoutLocation(plain.Output), WithoutLocation(zipped.Output));
        var line = JsonDocument.Parse(plain.Lines.Single()).RootElement;
        Assert.Equal(3001, line.GetProperty("class_uid").GetInt32());
        Assert.Equal(4, line.GetProperty("activity_id").GetInt32());
        Assert.Equal("4724", line.GetProperty("unmapped").GetProperty("source_event_type").GetString());
    }

    [Fact]
    public void Reconcile_flags_a_reset_with_no_ticket_and_accepts_it_with_one()
    {
        using var cli = new CliRunner();
        var xml = Sample("event-4724.event.xml");
        var tickets = cli.WriteFile("tickets.csv",
            "ticket,opened,closed,requester,target,kind,state,approver\n"
            + "INC0001,2015-08-22T01:30:00Z,2015-08-22T03:00:00Z,CONTOSO\\User1,CONTOSO\\User1,password,Closed,mgr.eve\n");

        var without = cli.Run("reconcile", "--events", xml, "--format", "jsonl");
        var with = cli.Run("reconcile", "--events", xml, "--tickets", tickets, "--format", "table");

        Assert.Equal(0, without.ExitCode);
        var finding = JsonDocument.Parse(without.Lines.Single()).RootElement;
        Assert.Equal("reset_without_evidence", finding.GetProperty("code").GetString());
        Assert.Equal("security", finding.GetProperty("owner").GetString());
        Assert.Contains("1 to a ticket; 1 with complete evidence (100.0 %)", with.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_no_source_recognises_names_the_file_and_the_sources()
    {
        using var cli = new CliRunner();
        var notes = cli.WriteFile("notes.txt", "just some text\n");

        var result = cli.Run("normalize", notes);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot tell which identity provider wrote", result.Error, StringComparison.Ordinal);
        Assert.Contains("--source", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_record_stops_the_run_with_its_location_unless_skipped()
    {
        using var cli = new CliRunner();
        var broken = cli.WriteFile("broken.jsonl",
            "{\"winlog\":{\"event_id\":4724,\"record_id\":1,\"computer_name\":\"DC1\",\"event_data\":{\"TargetUserName\":\"bob\",\"TargetDomainName\":\"CORP\"}},\"@timestamp\":\"2026-11-02T09:00:00Z\"}\n"
            + "{\"winlog\": this is not json\n");

        var stopped = cli.Run("normalize", broken, "--source", "windows");
        var skipped = cli.Run("normalize", broken, "--source", "windows", "--skip-bad");

        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("broken.jsonl:2", stopped.Error, StringComparison.Ordinal);
        Assert.Equal(0, skipped.ExitCode);
        Assert.Contains("skipped", skipped.Error, StringComparison.Ordinal);
        Assert.Contains("1 malformed records skipped", skipped.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingesting_a_file_twice_stores_its_events_once()
    {
        using var cli = new CliRunner();
        cli.Run("log", "init", "--db", cli.Database, "--origin", "ingest.example/log");
        var files = new[] { Sample("event-4724.event.xml"), Sample("event-4740.event.xml") };

        var first = cli.Run(["ingest", .. files, "--db", cli.Database]);
        var second = cli.Run(["ingest", .. files, "--db", cli.Database]);

        Assert.Equal((0, "ok: 2 new events stored, 0 already stored or repeated, 0 malformed records skipped\n"), (first.ExitCode, first.Output));
        Assert.Equal("ok: 0 new events stored, 2 already stored or repeated, 0 malformed records skipped\n", second.Output);
    }

    [Fact]
    public void An_ingest_stopped_by_a_malformed_record_on_the_reader_thread_stores_the_rest_when_run_again_with_skip_bad()
    {
        using var cli = new CliRunner();
        cli.Run("log", "init", "--db", cli.Database, "--origin", "ingest.example/log");
        var lines = Enumerable.Range(0, 1200).Select(i =>
            $"{{\"uuid\":\"e{i}\",\"published\":\"2026-11-27T09:{i / 60 % 60:00}:{i % 60:00}.000Z\",\"eventType\":\"user.session.start\",\"actor\":{{\"id\":\"00u{i}\",\"type\":\"User\",\"alternateId\":\"user{i}@example.com\"}},\"outcome\":{{\"result\":\"SUCCESS\"}}}}").ToList();
        lines.Insert(1100, "{\"uuid\": \"broken\", ");
        var file = cli.WriteFile("okta.ndjson", string.Join('\n', lines) + "\n");

        var stopped = cli.Run("ingest", file, "--db", cli.Database, "--source", "okta");
        var resumed = cli.Run("ingest", file, "--db", cli.Database, "--source", "okta", "--skip-bad");

        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("okta.ndjson:1101", stopped.Error, StringComparison.Ordinal);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("ok: 1200 new events stored, 0 already stored or repeated, 1 malformed records skipped", resumed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_reads_the_stored_events_when_no_files_are_given()
    {
        using var cli = new CliRunner();
        cli.Run("log", "init", "--db", cli.Database, "--origin", "ingest.example/log");
        var xml = Sample("event-4724.event.xml");
        cli.Run("ingest", xml, "--db", cli.Database);

        var fromFile = cli.Run("reconcile", "--events", xml, "--format", "jsonl");
        var fromStore = cli.Run("reconcile", "--db", cli.Database, "--format", "jsonl");
        var neither = cli.Run("reconcile");

        Assert.Equal((0, fromFile.Output), (fromStore.ExitCode, fromStore.Output));
        Assert.Equal(2, neither.ExitCode);
    }

    [Fact]
    public void Reconcile_counts_what_the_prefilter_skips_reports_unknown_types_and_drops_repeats()
    {
        using var cli = new CliRunner();
        const string Line = "{\"uuid\":\"ID\",\"published\":\"2026-01-01T10:00:00.000Z\",\"eventType\":\"TYPE\",\"actor\":{\"id\":\"00uadmin\",\"type\":\"User\",\"alternateId\":\"desk@example.com\"},\"outcome\":{\"result\":\"SUCCESS\"},\"target\":[{\"id\":\"00ualice\",\"type\":\"User\",\"alternateId\":\"alice@example.com\"}]}";
        static string Event(string id, string type) => Line.Replace("ID", id, StringComparison.Ordinal).Replace("TYPE", type, StringComparison.Ordinal);
        var log = cli.WriteFile("okta.ndjson", string.Join('\n',
            Event("a", "user.session.start"), Event("b", "vendor.brand_new.event_type"), Event("c", "user.mfa.factor.reset_all"),
            Event("a", "user.session.start"), Event("c", "user.mfa.factor.reset_all"), Event("d", "user.account.reset_password")) + "\n");

        var table = cli.Run("reconcile", "--events", log, "--format", "table");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("events read 4; credential changes 2", table.Output, StringComparison.Ordinal);
        Assert.Contains("event types read but not acted on: 1 (okta:vendor.brand_new.event_type 1)", table.Output, StringComparison.Ordinal);
        Assert.Equal(2, table.Lines.Count(l => l.Contains("reset_without_evidence", StringComparison.Ordinal) && l.Contains("okta:", StringComparison.Ordinal)));
    }
}
