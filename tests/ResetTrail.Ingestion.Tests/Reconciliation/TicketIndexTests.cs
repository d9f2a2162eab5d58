using ResetTrail.Core.Cases;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Reconciliation;
using ResetTrail.Ingestion.Tickets;

namespace ResetTrail.Ingestion.Tests.Reconciliation;

/// <summary>
/// The ticket lookup by target key gives exactly the findings of comparing every change with every ticket: the same
/// changes and tickets reconciled with a matcher that offers keys and with one that does not.
/// </summary>
public sealed class TicketIndexTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Indexed_and_scanned_ticket_matching_give_the_same_findings()
    {
        var tickets = new List<TicketRecord>();
        var changes = new List<IdentityEvent>();
        string[] kinds = ["password", "mfa_factor", "all_factors"];
        for (var i = 0; i < 300; i++)
        {
            // Targets repeat, in different spellings, with overlapping windows and ties on distance.
            var target = $"User{i % 23}@Example.com";
            var spelled = i % 2 == 0 ? target.ToLowerInvariant() : " " + target.ToUpperInvariant() + " ";
            tickets.Add(new TicketRecord
            {
                System = "csv", Key = $"INC{i:D4}", Opened = Start.AddMinutes(i * 7 % 180), Closed = Start.AddMinutes((i * 7 % 180) + 30),
                Requester = spelled, Target = spelled, Kind = (ResetKind)(i % 3), KindText = kinds[i % 3], State = "Closed", Approvers = [$"mgr{i % 5}"],
            });
        }

        for (var i = 0; i < 400; i++)
        {
            changes.Add(new IdentityEvent
            {
                Source = "okta", SourceEventId = $"e{i}", SourceEventType = "user.account.reset_password", Time = Start.AddMinutes(i * 11 % 240),
                Kind = ChangeKind.PasswordReset, Target = new EventParty($"00u{i % 29}", $"user{i % 29}@example.com") { Email = i % 3 == 0 ? $"USER{i % 29}@EXAMPLE.COM" : null },
                Actor = new EventParty("00uadmin", "desk@example.com"), ProductName = "Okta System Log", VendorName = "Okta",
            });
        }

        var indexed = Reconcile(EvidentPersonMatcher.Instance, tickets, changes);
        var scanned = Reconcile(new WithoutKeys(EvidentPersonMatcher.Instance), tickets, changes);

        Assert.NotEmpty(indexed.Findings);
        Assert.Equal(scanned.Findings, indexed.Findings);
        Assert.Equal(scanned.Matched, indexed.Matched);
        Assert.True(indexed.Matched > 50, $"only {indexed.Matched} changes matched a ticket: the lookup was hardly exercised");
    }

    private static (List<string> Findings, long Matched) Reconcile(IPersonMatcher people, List<TicketRecord> tickets, List<IdentityEvent> changes)
    {
        var reconciler = new Reconciler([], tickets, people, new ReconcileOptions(), Start.AddDays(1));
        var findings = reconciler.Reconcile(changes).Select(f => $"{f.Code} {f.Ticket} {string.Join(' ', f.EventIds)}").ToList();
        return (findings, reconciler.Summary.MatchedToTicket);
    }

    private sealed class WithoutKeys(IPersonMatcher inner) : IPersonMatcher
    {
        public bool Same(string? first, string? second) => inner.Same(first, second);
    }
}
