using ResetTrail.Core.Workflow;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Tickets;

namespace ResetTrail.Ingestion.Reconciliation;

/// <summary>
/// Matches every credential change an identity provider recorded to the case (or, without one, the ticket) that
/// should account for it, and reports what does not hold. Events stream through; cases and tickets are held in
/// memory (a desk's month is thousands, not millions); per change, only the matched case or ticket is remembered
/// (to catch one approval used twice).
/// </summary>
public sealed partial class Reconciler(
    IReadOnlyList<ResetCase> cases, IReadOnlyList<TicketRecord> tickets, IPersonMatcher people, ReconcileOptions options, DateTimeOffset now)
{
    private readonly Dictionary<string, List<IdentityEvent>> changesByCase = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IdentityEvent>> changesByTicket = new(StringComparer.Ordinal);
    private readonly TicketIndex? ticketIndex = people is IPersonKeys keys ? new TicketIndex(tickets, keys) : null;

    public ReconcileSummary Summary { get; } = new();

    /// <summary>Reconciles the events, yielding findings as they are found (approval reuse is reported at the end).</summary>
    public IEnumerable<Finding> Reconcile(IEnumerable<IdentityEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var change in events)
        {
            CountRead(change.Source, change.SourceEventType, change.Kind);
            if (!change.IsCredentialChange)
            {
                continue;
            }

            Summary.CredentialChanges++;
            var found = Check(change).ToList();
            if (found.Count == 0)
            {
                Summary.WithCompleteEvidence++;
            }

            foreach (var finding in found)
            {
                yield return Count(finding);
            }
        }

        foreach (var finding in ReusedApprovals())
        {
            yield return Count(finding);
        }
    }

    /// <summary>
    /// Counts an event a source's prefilter read only far enough to know it is not a credential change, as
    /// <see cref="Reconcile"/> counts such an event: read, and reported by type when its type is not understood.
    /// </summary>
    public void Count(Sources.CountedEvent counted)
    {
        ArgumentNullException.ThrowIfNull(counted);
        CountRead(counted.Source, counted.SourceEventType, counted.Kind);
    }

    private void CountRead(string source, string sourceEventType, ChangeKind kind)
    {
        Summary.EventsRead++;
        if (kind == ChangeKind.Other)
        {
            var key = $"{source}:{sourceEventType}";
            Summary.Unmapped[key] = Summary.Unmapped.GetValueOrDefault(key) + 1;
        }
    }

    private IEnumerable<Finding> Check(IdentityEvent change)
    {
        if (MatchCase(change) is { } matched)
        {
            Summary.MatchedToCase++;
            Remember(changesByCase, matched.Id, change);
            return CaseFindings(matched, change);
        }

        if (MatchTicket(change) is { } ticket)
        {
            Summary.MatchedToTicket++;
            Remember(changesByTicket, $"{ticket.System}:{ticket.Key}", change);
            return TicketFindings(ticket, change);
        }

        return Unaccounted(change);
    }

    private ResetCase? MatchCase(IdentityEvent change)
    {
        var linked = cases.FirstOrDefault(c =>
            c.Execution?.IdpEventId == change.SourceEventId || c.IdpEvents.Any(l => l.EventId == change.SourceEventId));
        if (linked is not null)
        {
            return linked;
        }

        return cases
            .Where(c => SameTarget(c.Target.Id, change) && Covers(c, change.Time))
            .OrderBy(c => c.Execution is null ? 1 : 0)
            .ThenBy(c => Math.Abs(((c.Execution?.At ?? c.OpenedAt) - change.Time).Ticks))
            .FirstOrDefault();
    }

    /// <summary>The ticket for the same target whose window covers the change, opened nearest to it (the first such in the file on a tie).</summary>
    private TicketRecord? MatchTicket(IdentityEvent change)
    {
        var candidates = ticketIndex?.For(change.Target) ?? Enumerable.Range(0, tickets.Count);
        TicketRecord? best = null;
        var bestDistance = long.MaxValue;
        var bestPosition = int.MaxValue;
        foreach (var position in candidates)
        {
            var t = tickets[position];
            if (!SameTarget(t.Target, change) || !Covers(t, change.Time))
            {
                continue;
            }

            var distance = Math.Abs(((t.Opened ?? change.Time) - change.Time).Ticks);
            if (distance < bestDistance || (distance == bestDistance && position < bestPosition))
            {
                (best, bestDistance, bestPosition) = (t, distance, position);
            }
        }

        return best;
    }

    private bool Covers(ResetCase c, DateTimeOffset time) =>
        time >= c.OpenedAt - options.Before && time <= (c.EndedAt ?? c.Execution?.At ?? now) + options.After;

    private bool Covers(TicketRecord t, DateTimeOffset time) =>
        t.Opened is { } opened && time >= opened - options.Before && time <= (t.Closed ?? opened + options.OpenTicketSpan) + options.After;

    private bool SameTarget(string? identifier, IdentityEvent change) => SamePerson(identifier, change.Target);

    private bool SamePerson(string? identifier, EventParty? party) =>
        party is not null && (people.Same(identifier, party.Email) || people.Same(identifier, party.Name) || people.Same(identifier, party.Uid));

    private bool IsThirdParty(EventParty? actor) =>
        actor is not null && options.ThirdPartyActors.Any(pattern => Wildcard(pattern, actor.Email ?? actor.Name ?? string.Empty));

    private Finding Count(Finding finding)
    {
        Summary.ByCode[finding.Code] = Summary.ByCode.GetValueOrDefault(finding.Code) + 1;
        Summary.ByOwner[finding.Owner] = Summary.ByOwner.GetValueOrDefault(finding.Owner) + 1;
        return finding;
    }

    private static void Remember(Dictionary<string, List<IdentityEvent>> map, string key, IdentityEvent change)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(change);
    }

    private static bool Wildcard(string pattern, string text)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(pattern, text, StringComparison.OrdinalIgnoreCase);
        }

        var position = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var found = text.IndexOf(parts[i], position, StringComparison.OrdinalIgnoreCase);
            if (found < 0 || (i == 0 && found != 0))
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        return parts[^1].Length == 0 || text.EndsWith(parts[^1], StringComparison.OrdinalIgnoreCase);
    }
}
