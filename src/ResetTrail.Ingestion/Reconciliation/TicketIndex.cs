using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Tickets;

namespace ResetTrail.Ingestion.Reconciliation;

/// <summary>
/// Tickets by their target's person key (<see cref="IPersonKeys"/>), as positions in the ticket list, so a change
/// is compared with the tickets for its own target rather than with every ticket.
/// </summary>
internal sealed class TicketIndex
{
    private readonly Dictionary<string, List<int>> byTarget = new(StringComparer.OrdinalIgnoreCase);
    private readonly IPersonKeys keys;

    public TicketIndex(IReadOnlyList<TicketRecord> tickets, IPersonKeys keys)
    {
        this.keys = keys;
        for (var i = 0; i < tickets.Count; i++)
        {
            if (keys.KeyOf(tickets[i].Target) is { } key)
            {
                if (!byTarget.TryGetValue(key, out var list))
                {
                    byTarget[key] = list = [];
                }

                list.Add(i);
            }
        }
    }

    /// <summary>Positions of the tickets whose target is the party by any of its identifiers (each once).</summary>
    public IEnumerable<int> For(EventParty party)
    {
        var found = new SortedSet<int>();
        foreach (var identifier in (ReadOnlySpan<string?>)[party.Email, party.Name, party.Uid])
        {
            if (keys.KeyOf(identifier) is { } key && byTarget.TryGetValue(key, out var positions))
            {
                found.UnionWith(positions);
            }
        }

        return found;
    }
}
