using ResetTrail.Core.Cases;
using ResetTrail.Ingestion.Tickets;
using static ResetTrail.Ingestion.Tests.Tickets.HelpdeskData;

namespace ResetTrail.Ingestion.Tests.Tickets;

public sealed class JiraTicketSourceTests
{
    [Fact]
    public void A_real_go_jira_search_response_parses()
    {
        var results = ReadFile(new JiraTicketSource(), "helpdesk/go-jira/issues_in_sprint.json");

        var ticket = Assert.Single(results).Ticket!;
        Assert.Equal("jira", ticket.System);
        Assert.Equal("AR-86", ticket.Key);
        Assert.Equal(new DateTimeOffset(2015, 12, 2, 7, 39, 15, TimeSpan.FromHours(-8)), ticket.Opened);
        Assert.Equal(new DateTimeOffset(2015, 12, 7, 14, 19, 13, TimeSpan.FromHours(-8)), ticket.Closed);
        Assert.Equal(new DateTimeOffset(2016, 2, 1, 8, 17, 4, TimeSpan.FromHours(-8)), ticket.Updated);
        Assert.Equal("Ready", ticket.State);
        Assert.Null(ticket.Kind); // a Task is not a reset, and nothing is guessed
        Assert.Equal("Task", ticket.KindText);
        Assert.Equal("issues_in_sprint.json#1", ticket.Location);
    }

    [Fact]
    public void The_search_response_reads_the_same_when_it_arrives_a_few_bytes_at_a_time()
    {
        var whole = File.ReadAllText(PathOf("helpdesk/go-jira/issues_in_sprint.json"));

        var trickled = ReadText(new JiraTicketSource(), whole, "issues_in_sprint.json", trickle: true);

        AssertSameTickets(ReadFile(new JiraTicketSource(), "helpdesk/go-jira/issues_in_sprint.json"), trickled);
    }

    private const string SingleIssue = """
        {"id":"10002","key":"IAM-7","fields":{
          "created":"2024-03-04T10:00:00.000+0000","resolutiondate":null,"updated":"2024-03-04T10:30:00.000+0000",
          "reporter":{"name":"agent.smith","emailAddress":"agent.smith@example.com"},
          "status":{"name":"In Progress"},"issuetype":{"name":"Service Request"},"labels":["vip","password-reset"],
          "customfield_10050":{"name":"alice","emailAddress":"alice@example.com"},
          "customfield_10051":{"value":"Reset MFA"},
          "customfield_10060":[{"emailAddress":"grace@example.com"},{"emailAddress":"heidi@example.com"}]}}
        """;

    [Fact]
    public void A_single_issue_uses_the_configured_custom_fields_for_target_kind_and_approvers()
    {
        var source = new JiraTicketSource(new JiraTicketOptions
        {
            TargetField = "customfield_10050",
            KindField = "customfield_10051",
            ApproversField = "customfield_10060",
        });

        var ticket = Assert.Single(ReadText(source, SingleIssue, "issue.json")).Ticket!;

        Assert.Equal("IAM-7", ticket.Key);
        Assert.Equal("agent.smith@example.com", ticket.Requester);
        Assert.Equal("alice@example.com", ticket.Target);
        Assert.Equal(ResetKind.MfaFactor, ticket.Kind);
        Assert.Equal("Reset MFA", ticket.KindText);
        Assert.Equal(["grace@example.com", "heidi@example.com"], ticket.Approvers);
        Assert.Null(ticket.Closed);
        Assert.Equal("issue.json#1", ticket.Location);
    }

    [Fact]
    public void Without_configured_fields_the_reporter_is_the_target_and_labels_give_the_kind()
    {
        var ticket = Assert.Single(ReadText(new JiraTicketSource(), SingleIssue, "issue.json")).Ticket!;

        Assert.Equal("agent.smith@example.com", ticket.Target);
        Assert.Equal(ResetKind.Password, ticket.Kind);
        Assert.Equal("password-reset", ticket.KindText);
    }

    // The JSM file is written from the Jira Service Management REST documentation: no public request about a reset exists.
    [Fact]
    public void Jsm_customer_requests_read_request_field_values_and_current_status()
    {
        var source = new JiraTicketSource(new JiraTicketOptions
        {
            TargetField = "customfield_10050",
            KindField = "customfield_10051",
            ApproversField = "customfield_10060",
        });

        var results = ReadFile(source, "helpdesk/jsm/requests.json");

        Assert.Equal(2, results.Count);
        var first = results[0].Ticket!;
        Assert.Equal("HELP-42", first.Key);
        Assert.Equal(new DateTimeOffset(2024, 3, 6, 7, 5, 0, TimeSpan.Zero), first.Opened);
        Assert.Equal(new DateTimeOffset(2024, 3, 6, 7, 40, 12, TimeSpan.Zero), first.Closed);
        Assert.Equal("fred@example.com", first.Requester);
        Assert.Equal("fred.admin@example.com", first.Target);
        Assert.Equal(ResetKind.MfaFactor, first.Kind);
        Assert.Equal("Resolved", first.State);
        Assert.Equal(["grace@example.com"], first.Approvers);

        var second = results[1].Ticket!;
        Assert.Equal("hana@example.com", second.Target);
        Assert.Equal(ResetKind.Password, second.Kind); // from the request type's name
        Assert.Null(second.Closed); // not in the DONE category
        Assert.Equal("requests.json#2", second.Location);
    }

    [Fact]
    public void A_bad_time_is_a_problem_naming_the_field_and_reading_goes_on()
    {
        const string json = """
            {"issues":[
              {"key":"A-1","fields":{"created":"yesterday"}},
              {"key":"A-2","fields":{"created":"2024-03-04T10:00:00.000+0000"}},
              {"fields":{}}
            ]}
            """;

        var results = ReadText(new JiraTicketSource(), json, "s.json");

        Assert.Equal(3, results.Count);
        Assert.Equal("s.json#1", results[0].Problem!.Location);
        Assert.Contains("fields.created", results[0].Problem!.Message, StringComparison.Ordinal);
        Assert.Equal("A-2", results[1].Ticket!.Key);
        Assert.Equal("s.json#3: key: missing or empty", results[2].Problem!.ToString());
    }

    [Fact]
    public void Malformed_json_is_one_problem_and_ends_the_file()
    {
        var results = ReadText(new JiraTicketSource(), """{"issues":[{"key":"A-1","fields":{}},{"key":"A-2",""", "s.json");

        Assert.Equal(2, results.Count);
        Assert.Equal("A-1", results[0].Ticket!.Key);
        Assert.StartsWith("s.json#2: malformed JSON", results[1].Problem!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Recognises_search_responses_single_issues_and_jsm_requests()
    {
        var source = new JiraTicketSource();

        Assert.True(source.Recognises("""{"expand":"names","issues":[{"key":"A-1","fields":{}}]}"""u8));
        Assert.True(source.Recognises("""{"values":[{"issueKey":"HELP-1"}]}"""u8));
        Assert.False(source.Recognises("""{"result":[{"number":"INC1"}]}"""u8));
    }
}
