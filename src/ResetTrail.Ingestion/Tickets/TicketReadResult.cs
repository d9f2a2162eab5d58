using ResetTrail.Ingestion.Sources;

namespace ResetTrail.Ingestion.Tickets;

/// <summary>A ticket, or the problem that kept a record from being one.</summary>
public sealed record TicketReadResult(TicketRecord? Ticket, RecordProblem? Problem)
{
    public static TicketReadResult Of(TicketRecord ticket) => new(ticket, null);

    public static TicketReadResult Bad(string location, string message) => new(null, new RecordProblem(location, message));
}
