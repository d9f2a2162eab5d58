using System.Text;
using ResetTrail.Ingestion.Inbox;
using ResetTrail.Storage.Sqlite.Inbox;
using ResetTrail.Storage.Sqlite.Tests.EvidenceLog;

namespace ResetTrail.Storage.Sqlite.Tests.Inbox;

public sealed class SqliteInboxTests
{
    private static InboxDelivery Delivery(string body, string channel = "okta_event_hook") =>
        new(channel, "okta", "127.0.0.1:5000", Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Accepted_deliveries_stay_pending_in_arrival_order_until_completed()
    {
        using var fixture = new LogFixture();
        using var inbox = new SqliteInbox(fixture.Database);
        var now = fixture.Time.GetUtcNow();

        var first = inbox.Accept(Delivery("{\"a\":1}"), now);
        var more = inbox.Accept([Delivery("{\"b\":2}"), Delivery("<13>1 - - - - - - x", "syslog")], now);
        inbox.Complete([new InboxCompletion(first, Events: 1, Problems: 0)], now);

        var pending = inbox.Pending(10);
        Assert.Equal(more, pending.Select(p => p.Id));
        Assert.Equal(("syslog", "<13>1 - - - - - - x"), (pending[1].Channel, Encoding.UTF8.GetString(pending[1].Body)));
        Assert.Equal(now, pending[0].ReceivedAt);
        Assert.Equal(2, inbox.PendingCount());
    }

    [Fact]
    public void An_accepted_delivery_survives_the_process_that_accepted_it()
    {
        using var fixture = new LogFixture();
        long id;
        using (var inbox = new SqliteInbox(fixture.Database))
        {
            id = inbox.Accept(Delivery("{\"survives\":true}"), fixture.Time.GetUtcNow());
        }

        using var reopened = new SqliteInbox(fixture.Database);
        var item = Assert.Single(reopened.Pending(10));
        Assert.Equal((id, "{\"survives\":true}"), (item.Id, Encoding.UTF8.GetString(item.Body)));
    }

    [Fact]
    public void Purge_removes_only_processed_deliveries_older_than_the_cut()
    {
        using var fixture = new LogFixture();
        using var inbox = new SqliteInbox(fixture.Database);
        var start = fixture.Time.GetUtcNow();
        var old = inbox.Accept(Delivery("old"), start);
        var stillPending = inbox.Accept(Delivery("pending"), start);
        inbox.Complete([new InboxCompletion(old, 0, 1)], start);
        var recent = inbox.Accept(Delivery("recent"), start.AddDays(10));
        inbox.Complete([new InboxCompletion(recent, 1, 0)], start.AddDays(10));

        var purged = inbox.Purge(start.AddDays(5));

        Assert.Equal(1, purged);
        Assert.Equal([stillPending], inbox.Pending(10).Select(p => p.Id));
    }
}
