using ResetTrail.Ingestion.Tickets;

namespace ResetTrail.Cli.Ingestion;

/// <summary>The ticket export formats reconcile reads, with their default field choices (docs/design/ingestion.md).</summary>
internal static class TicketFormats
{
    public static IReadOnlyList<ITicketSource> All { get; } = [new ServiceNowTicketSource(), new JiraTicketSource(), new CsvTicketSource()];
}
