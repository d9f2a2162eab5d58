using System.Text;
using ResetTrail.Core.Cases;
using ResetTrail.Ingestion.Tickets;
using static ResetTrail.Ingestion.Tests.Tickets.HelpdeskData;

namespace ResetTrail.Ingestion.Tests.Tickets;

public sealed class TicketMappingTests
{
    private static TicketMappingLoad Load(string json) =>
        TicketMapping.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "map.json");

    private const string Mapping = """
        {
          // an export from a legacy help desk
          "name": "legacy_desk",
          "delimiter": ";",
          "columns": {
            "Ref": "ticket",
            "Logged": "opened",
            "Resolved On": "closed",
            "Raised By": "requester",
            "Affected User": "target",
            "Request Type": "kind",
            "Status": "state",
            "Approved By": "approver",
            "Approved On": "approved_at",
          },
          "time_format": "dd/MM/yyyy HH:mm",
          "time_zone": "Europe/London",
          "approver_separator": "|",
          "kinds": { "Lost token": "mfa_factor" }
        }
        """;

    [Fact]
    public void A_mapped_csv_reads_through_its_mapping()
    {
        var load = Load(Mapping);
        Assert.Empty(load.Problems);
        const string csv = """
            Ref;Logged;Resolved On;Raised By;Affected User;Request Type;Status;Approved By;Approved On;Notes
            L-1;04/07/2024 10:15;04/07/2024 11:00;bob;alice;Lost token;Done;carol|dave;04/07/2024 10:30;"a; b"
            L-2;05/01/2024 09:00;;bob;erin;Password Reset;Open;;;
            L-3;05/01/2024 09:00;;bob;erin;Printer;Open;;;
            """;

        var results = ReadText(new CsvTicketSource(load.Mapping), csv, "legacy.csv");

        Assert.Equal(3, results.Count);
        var first = results[0].Ticket!;
        Assert.Equal("legacy_desk", first.System);
        Assert.Equal("L-1", first.Key);
        Assert.Equal(new DateTimeOffset(2024, 7, 4, 9, 15, 0, TimeSpan.Zero), first.Opened); // BST
        Assert.Equal(new DateTimeOffset(2024, 7, 4, 9, 30, 0, TimeSpan.Zero), first.ApprovedAt);
        Assert.Equal(ResetKind.MfaFactor, first.Kind);
        Assert.Equal(["carol", "dave"], first.Approvers);
        Assert.Equal(new DateTimeOffset(2024, 1, 5, 9, 0, 0, TimeSpan.Zero), results[1].Ticket!.Opened); // GMT
        Assert.Equal(ResetKind.Password, results[1].Ticket!.Kind); // a default
        Assert.Null(results[2].Ticket!.Kind); // not a reset: kept, with its text
        Assert.Equal("Printer", results[2].Ticket!.KindText);
    }

    [Fact]
    public void A_mapped_row_with_a_bad_time_names_line_and_field()
    {
        var source = new CsvTicketSource(Load(Mapping).Mapping);
        const string csv = "Ref;Logged;Resolved On;Raised By;Affected User;Request Type;Status;Approved By;Approved On\nL-1;2024-07-04;;;;;;;\n";

        var result = Assert.Single(ReadText(source, csv, "legacy.csv"));

        Assert.Equal("legacy.csv:2: L-1: opened: '2024-07-04' does not match the time format 'dd/MM/yyyy HH:mm'", result.Problem!.ToString());
    }

    [Fact]
    public void A_header_lacking_a_mapped_column_is_reported()
    {
        var result = Assert.Single(ReadText(new CsvTicketSource(Load(Mapping).Mapping), "Ref;Logged\nL-1;x\n", "legacy.csv"));

        Assert.Equal("legacy.csv:1", result.Problem!.Location);
        Assert.Contains("'Resolved On'", result.Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_errors_name_the_line_and_the_key()
    {
        var load = Load("""
            {
              "columns": {
                "Ref": "ticket",
                "Logged": "openned",
                "When": "ticket"
              },
              "time_zone": "Mars/Olympus",
              "kinds": { "Lost token": "token" },
              "colour": "blue"
            }
            """);

        Assert.Null(load.Mapping);
        Assert.Equal(
            [
                "map.json:4: columns.\"Logged\": unknown field 'openned'; fields are ticket, opened, closed, requester, target, kind, state, approver, approved_at, third_party",
                "map.json:5: columns.\"When\": field 'ticket' is already given to column 'Ref'",
                "map.json:7: time_zone: 'Mars/Olympus' is not an IANA time zone (Europe/London, America/New_York, UTC)",
                "map.json:8: kinds.\"Lost token\": 'token' is not a reset kind (all_factors, mfa_factor, nhi_secret, password, recovery_codes, temporary_access_pass)",
                "map.json:9: colour: unknown key; a mapping has name, delimiter, columns, time_format, time_zone, approver_separator, kinds",
            ],
            load.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_mapping_must_say_which_column_holds_the_ticket_number()
    {
        var load = Load("""{"columns":{"Logged":"opened"}}""");

        Assert.Equal("map.json: columns: no column is mapped to ticket; every ticket needs its number", Assert.Single(load.Problems).ToString());
    }

    [Fact]
    public void Invalid_json_names_its_line()
    {
        var load = Load("{\n\"columns\": {\n\"Ref\" \"ticket\"}}");

        Assert.StartsWith("map.json:3: not valid JSON", Assert.Single(load.Problems).ToString(), StringComparison.Ordinal);
    }
}
