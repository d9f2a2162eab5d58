using ResetTrail.Core.Cases;
using ResetTrail.Ingestion.Tickets;
using static ResetTrail.Ingestion.Tests.Tickets.HelpdeskData;

namespace ResetTrail.Ingestion.Tests.Tickets;

public sealed class CsvTicketSourceTests
{
    private const string Header = "ticket,opened,closed,requester,target,kind,state,approver";

    [Fact]
    public void The_canonical_header_needs_no_mapping()
    {
        var csv = $"""
            {Header}
            T-1,2024-03-04T09:15:00Z,2024-03-04T10:00:00+01:00,bob@corp.example,alice@corp.example,mfa_factor,Resolved,carol@corp.example;dave@corp.example
            T-2,2024-03-05T09:00:00Z,,bob@corp.example,CORP\erin,password,Open,
            """;

        var results = ReadText(new CsvTicketSource(), csv, "tickets.csv");

        Assert.Equal(2, results.Count);
        var first = results[0].Ticket!;
        Assert.Equal("csv", first.System);
        Assert.Equal("T-1", first.Key);
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 9, 15, 0, TimeSpan.Zero), first.Opened);
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 9, 0, 0, TimeSpan.Zero), first.Closed);
        Assert.Equal("bob@corp.example", first.Requester);
        Assert.Equal("alice@corp.example", first.Target);
        Assert.Equal(ResetKind.MfaFactor, first.Kind);
        Assert.Equal("Resolved", first.State);
        Assert.Equal(["carol@corp.example", "dave@corp.example"], first.Approvers);
        Assert.Equal("tickets.csv:2", first.Location);
        Assert.Equal(@"CORP\erin", results[1].Ticket!.Target);
        Assert.Null(results[1].Ticket!.Closed);
        Assert.Empty(results[1].Ticket!.Approvers);
    }

    [Fact]
    public void Bad_rows_are_reported_with_file_line_and_field_and_reading_goes_on()
    {
        var csv = $"""
            {Header}
            T-1,2024-03-04 09:15,,bob,alice,password,Open,
            T-2,2024-03-04T09:15:00Z,,bob,alice,pwd,Open,
            ,2024-03-04T09:15:00Z,,bob,alice,password,Open,
            T-4,2024-03-04T09:15:00,,bob,alice,password,Open,
            T-5,2024-03-04T09:15:00Z,,bob,alice
            T-6,2024-03-04T09:15:00Z,,bob,alice,all_factors,Open,
            """;

        var results = ReadText(new CsvTicketSource(), csv, "t.csv");

        Assert.Equal(6, results.Count);
        Assert.StartsWith("t.csv:2: T-1: opened: '2024-03-04 09:15' is not an ISO 8601 time", results[0].Problem!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("t.csv:3: T-2: kind: 'pwd' is not a reset kind", results[1].Problem!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("t.csv:4: ticket: empty", results[2].Problem!.ToString(), StringComparison.Ordinal);
        Assert.Contains("opened", results[3].Problem!.Message, StringComparison.Ordinal); // no offset: never read as local time
        Assert.Equal("t.csv:6: 5 fields where the header has 8", results[4].Problem!.ToString());
        Assert.Equal(ResetKind.AllFactors, results[5].Ticket!.Kind);
    }

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks_and_lines_stay_counted()
    {
        var csv = "\uFEFF" + Header + "\r\n"
            + "\"T-1\",2024-03-04T09:15:00Z,,\"Smith, Bob\",alice,password,\"Waiting \"\"on\"\" user\",\r\n"
            + "T-2,2024-03-04T09:15:00Z,,bob,alice,password,\"Resolved\r\nafter call\",\"carol;\r\ndave\"\r\n"
            + "\r\n"
            + "T-3,2024-03-04T09:15:00Z,,bob,alice,password,Open,\r\n";

        var results = ReadText(new CsvTicketSource(), csv, "q.csv", trickle: true);

        Assert.Equal(3, results.Count);
        Assert.Equal("Smith, Bob", results[0].Ticket!.Requester);
        Assert.Equal("Waiting \"on\" user", results[0].Ticket!.State);
        Assert.Equal("Resolved\r\nafter call", results[1].Ticket!.State);
        Assert.Equal(["carol", "dave"], results[1].Ticket!.Approvers);
        Assert.Equal("q.csv:3", results[1].Ticket!.Location);
        Assert.Equal("q.csv:7", results[2].Ticket!.Location); // two embedded breaks and a blank line
    }

    [Theory]
    [InlineData("T-1,2024-03-04T09:15:00Z,,b\"ob,alice,password,Open,", "field 4: a quote inside an unquoted field")]
    [InlineData("T-1,2024-03-04T09:15:00Z,,\"bob\"x,alice,password,Open,", "field 4: text after a closing quote")]
    public void A_stray_quote_is_a_problem_and_the_next_line_is_read(string row, string message)
    {
        var csv = $"{Header}\n{row}\nT-2,2024-03-04T09:15:00Z,,bob,alice,password,Open,\n";

        var results = ReadText(new CsvTicketSource(), csv, "q.csv");

        Assert.Equal(2, results.Count);
        Assert.StartsWith($"q.csv:2: {message}", results[0].Problem!.ToString(), StringComparison.Ordinal);
        Assert.Equal("T-2", results[1].Ticket!.Key);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_where_it_opened()
    {
        var csv = $"{Header}\nT-1,2024-03-04T09:15:00Z,,bob,alice,password,\"Open,\nT-2,x\n";

        var result = Assert.Single(ReadText(new CsvTicketSource(), csv, "q.csv"));

        Assert.Equal("q.csv:2: a quoted field opened on line 2 is never closed", result.Problem!.ToString());
    }

    [Fact]
    public void Another_header_without_a_mapping_is_one_problem_on_line_1()
    {
        var result = Assert.Single(ReadText(new CsvTicketSource(), "Ref,Logged\nX,Y\n", "other.csv"));

        Assert.Equal("other.csv:1", result.Problem!.Location);
        Assert.Contains("mapping", result.Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recognises_only_the_canonical_header_without_a_mapping()
    {
        Assert.True(new CsvTicketSource().Recognises("ticket,opened,closed,requester,target,kind,state,approver\r\nT-1"u8));
        Assert.False(new CsvTicketSource().Recognises("ticket,opened\n"u8));
    }
}
