using ResetTrail.Ingestion.Sources;

namespace ResetTrail.Ingestion.Tickets;

/// <summary>A ticket, or the problem that kept a record from being one.</summary>
public sealed record TicketReadResult(TicketRecord? Ticket, RecordProblem? Problem);
