using ResetTrail.Core.Cases;
using ResetTrail.Ingestion.Tickets;
using static ResetTrail.Ingestion.Tests.Tickets.HelpdeskData;

namespace ResetTrail.Ingestion.Tests.Tickets;

// The ServiceNow files are written from the Table API documentation: no public incident about a reset exists.
public sealed class ServiceNowTicketSourceTests
{
    private static List<TicketReadResult> Read(string file, ServiceNowTicketOptions? options = null)
    {
        using var stream = File.OpenRead(PathOf($"helpdesk/servicenow/{file}"));
        return [.. new ServiceNowTicketSource(options).Read(stream, "incidents.json")];
    }

    [Fact]
    public void Plain_values_and_the_display_value_form_give_the_same_tickets()
    {
        var plain = Read("incidents_plain.json");
        var all = Read("incidents_display_all.json");

        Assert.Equal(2, plain.Count);
        AssertSameTickets(plain, all);
    }

    [Fact]
    public void An_incident_reads_times_as_utc_and_names_the_state()
    {
        var ticket = Read("incidents_plain.json")[0].Ticket!;

        Assert.Equal("servicenow", ticket.System);
        Assert.Equal("INC0010041", ticket.Key);
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 9, 15, 2, TimeSpan.Zero), ticket.Opened);
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 9, 41, 10, TimeSpan.Zero), ticket.Closed); // resolved_at when closed_at is empty
        Assert.Equal("Resolved", ticket.State);
        Assert.Equal("approved", ticket.Approval);
        Assert.Equal(["beth.anglin", "bud.richman"], ticket.Approvers);
        Assert.Equal("incidents.json#1", ticket.Location);
    }

    [Fact]
    public void The_target_is_u_target_user_else_the_caller()
    {
        var results = Read("incidents_plain.json");

        Assert.Equal("abel.tuter", results[0].Ticket!.Target); // u_target_user.user_name empty
        Assert.Equal("abel.tuter", results[0].Ticket!.Requester);
        Assert.Equal("charlie.whitherspoon", results[1].Ticket!.Target);
        Assert.Equal("david.miller", results[1].Ticket!.Requester);
    }

    [Fact]
    public void Subcategory_then_category_give_the_kind()
    {
        var results = Read("incidents_plain.json");

        Assert.Equal(ResetKind.MfaFactor, results[0].Ticket!.Kind); // subcategory "Reset MFA"
        Assert.Equal("Reset MFA", results[0].Ticket!.KindText);
        Assert.Equal(ResetKind.Password, results[1].Ticket!.Kind); // category "password_reset"
    }

    [Fact]
    public void The_kind_map_and_the_fields_are_configurable()
    {
        var options = new ServiceNowTicketOptions
        {
            KindFields = ["category"],
            TargetFields = ["caller_id"],
            Kinds = TicketKindMap.Default.With([new("inquiry", ResetKind.AllFactors)]),
        };

        var ticket = Read("incidents_plain.json", options)[0].Ticket!;

        Assert.Equal(ResetKind.AllFactors, ticket.Kind);
        Assert.Equal("5137153cc611227c000bbd1bd8cd2005", ticket.Target); // a bare reference is its sys_id
    }

    [Fact]
    public void A_bad_time_names_the_ticket_and_field_and_reading_goes_on()
    {
        const string json = """
            {"result":[
              {"number":"INC1","opened_at":"04/03/2024 10:15"},
              {"number":{"display_value":"INC2","value":"INC2"},"opened_at":{"display_value":"x","value":"2024-03-04 09:15:02"}},
              {"short_description":"no number"}
            ]}
            """;

        var results = ReadText(new ServiceNowTicketSource(), json, "sn.json", trickle: true);

        Assert.Equal(3, results.Count);
        Assert.Equal("sn.json#1", results[0].Problem!.Location);
        Assert.StartsWith("INC1: opened_at: '04/03/2024 10:15'", results[0].Problem!.Message, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 9, 15, 2, TimeSpan.Zero), results[1].Ticket!.Opened);
        Assert.Equal("sn.json#3", results[2].Problem!.Location);
        Assert.Contains("number", results[2].Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_record_response_is_one_ticket()
    {
        var results = ReadText(new ServiceNowTicketSource(), """{"result":{"number":"INC9","opened_at":"2024-03-04 09:15:02"}}""", "one.json");

        // The Table API's GET by sys_id answers {"result":{...}}: an object, not an array, under "result".
        Assert.Equal("INC9", Assert.Single(results).Ticket!.Key);
    }

    [Fact]
    public void Large_exports_and_records_larger_than_the_read_buffer_stream_through()
    {
        var big = new string('x', 200_000);
        var records = Enumerable.Range(1, 3000).Select(i =>
            $$"""{"number":"INC{{i}}","opened_at":"2024-03-04 09:15:02","short_description":"{{(i == 1500 ? big : "s")}}"}""");
        var json = $$"""{"result":[{{string.Join(",\n", records)}}]}""";

        var results = ReadText(new ServiceNowTicketSource(), json, "big.json");

        Assert.Equal(3000, results.Count);
        Assert.All(results, r => Assert.Null(r.Problem));
        Assert.Equal("INC3000", results[^1].Ticket!.Key);
        Assert.Equal("big.json#1500", results[1499].Ticket!.Location);
    }

    [Fact]
    public void Recognises_table_api_responses()
    {
        var source = new ServiceNowTicketSource();

        Assert.True(source.Recognises("""{"result":[{"sys_id":"1","number":"INC1"}]}"""u8));
        Assert.False(source.Recognises("""{"issues":[{"key":"A-1"}]}"""u8));
    }
}
