using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ResetTrail.Detection.Delivery;
using ResetTrail.Detection.Engine;
using ResetTrail.Server.Detection;
using ResetTrail.Storage.Postgres;

namespace ResetTrail.Server.Tests.Detection;

/// <summary>
/// Two servers on one PostgreSQL database with detection on, Okta Event Hook deliveries posted to each in turn. Every
/// password reset of an even-numbered user is followed two minutes later by an MFA reset of that user in the next
/// delivery, so the two halves of each RT-D003 pair ("password and MFA reset on one user") arrive at different
/// servers. One server leads (processes the shared inbox and runs the rules); the other only accepts. Checked: every
/// delivery processed, every event stored once and evaluated by exactly one detector; the alerts at the webhook
/// receiver are exactly those one engine raises from the same events (count per rule, RT-D003 once per pair), each
/// under one webhook-id, its alert id.
/// </summary>
public sealed class SharedDatabaseDetectionTests
{
    private const int Users = 8;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_servers_on_one_database_evaluate_each_event_once_and_deliver_each_alert_under_one_id()
    {
        using var shared = new SharedDetectionDatabase("detect");
        var starting = new[] { Task.Run(() => shared.StartServerAsync()), Task.Run(() => shared.StartServerAsync()) };
        await using var first = await starting[0];
        await using var second = await starting[1];
        RunningServer[] servers = [first, second];

        var start = first.Time.GetUtcNow();
        var deliveries = Deliveries(start);
        for (var n = 0; n < deliveries.Count; n++)
        {
            await OktaHook.Post(servers[n % 2], OktaHook.Delivery($"delivery-{n}", deliveries[n].Event));
        }

        await Until(() => first.Database.Inbox.PendingCount() == 0);

        // Both clocks past the last event and the allowed lateness: the leader's tick releases what its engine holds.
        var end = start + TimeSpan.FromMinutes(5 * Users) + TimeSpan.FromMinutes(5);
        foreach (var server in servers)
        {
            server.Time.Advance(end - server.Time.GetUtcNow());
        }

        // Each delivery processed and counted once; each event stored once.
        Assert.Equal((deliveries.Count, deliveries.Count, deliveries.Count), InboxState(shared.Database));
        var stored = first.Database.Events.ReadAll().ToList();
        Assert.Equal(deliveries.Select(d => d.Id).Order(StringComparer.Ordinal), stored.Select(e => e.SourceEventId).Order(StringComparer.Ordinal));

        // What one engine raises from the same events, in time order, at the same time.
        var oracle = new CollectingOutput();
        var engine = new DetectionEngine(shared.Config, oracle);
        foreach (var e in stored.OrderBy(e => e.Time))
        {
            engine.Add(e);
        }

        engine.AdvanceTo(end);
        var expected = oracle.Alerts.ToDictionary(a => a.Id, a => a.Rule.Id, StringComparer.Ordinal);
        Assert.Equal(Users / 2, expected.Values.Count(rule => rule == "RT-D003"));

        var outbox = first.Services.GetRequiredService<IAlertOutbox>();
        await Until(
            () => expected.Keys.All(id => shared.Receiver.Accepted.Any(a => a.Id == id)) && outbox.Pending("webhook") == 0,
            () => "alerts not received: " + string.Join(", ", expected.Where(x => !shared.Receiver.Accepted.Any(a => a.Id == x.Key)).Select(x => x.Value).Order(StringComparer.Ordinal)));

        // Every event evaluated by exactly one detector: the leader's.
        var observed = servers.Select(s => s.Services.GetRequiredService<RealtimeDetector>().EventsObserved).ToList();
        Assert.Equal(deliveries.Count, observed.Sum());
        Assert.Contains(0L, observed);

        // At the receiver: one webhook-id per alert, the alert's id; the alerts and their count per rule as expected.
        var received = shared.Receiver.Accepted.Select(a => (a.Id, Alert: AlertOf(a.Body))).ToList();
        Assert.All(received, r => Assert.Equal(r.Alert.Id, r.Id));
        Assert.All(received.GroupBy(r => r.Alert.Id), g => Assert.Single(g.Select(r => r.Id).Distinct()));
        var arrived = received.DistinctBy(r => r.Alert.Id).ToDictionary(r => r.Alert.Id, r => r.Alert.Rule, StringComparer.Ordinal);
        Assert.Equal(PerRule(expected), PerRule(arrived));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), arrived.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, shared.Receiver.BadSignatures);
    }

    [Fact]
    public async Task When_the_leading_server_stops_the_other_takes_over_and_pairs_events_across_the_change()
    {
        using var shared = new SharedDetectionDatabase("takeover");
        var first = await shared.StartServerAsync();
        var second = await shared.StartServerAsync();
        var running = new List<RunningServer> { first, second };
        try
        {
            var start = first.Time.GetUtcNow();
            var user = "taken.over@example.com";
            await OktaHook.Post(first, OktaHook.Delivery("before", OktaHook.Event("reset-before", "user.account.reset_password", start, user)));
            await Until(() => first.Database.Inbox.PendingCount() == 0);

            // The leader stops (its lease is given back); the MFA reset of the same user then reaches the one left.
            var leader = first.Database.TryLead() ? first : second;
            var left = leader == first ? second : first;
            running.Remove(leader);
            await leader.DisposeAsync();
            await OktaHook.Post(left, OktaHook.Delivery("after", OktaHook.Event("mfa-after", "user.mfa.factor.reset_all", start + TimeSpan.FromMinutes(3), user)));
            await Until(() => left.Database.Inbox.PendingCount() == 0);
            left.Time.Advance(TimeSpan.FromMinutes(10));

            // The one left replayed the stored reset when it took the lead, so the pair across the change is one RT-D003.
            await Until(() => shared.Receiver.Accepted.Any(a => AlertOf(a.Body).Rule == "RT-D003"), () => "no RT-D003 received");
            var pair = shared.Receiver.Accepted.Where(a => AlertOf(a.Body).Rule == "RT-D003").ToList();
            Assert.Single(pair.Select(a => a.Id).Distinct());
            Assert.Contains("\"uid\":\"reset-before\"", pair[0].Body, StringComparison.Ordinal);
            Assert.Contains("\"uid\":\"mfa-after\"", pair[0].Body, StringComparison.Ordinal);
            Assert.True(left.Database.TryLead());
        }
        finally
        {
            foreach (var server in running)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>One event a delivery, in time order: user i's password reset at 5i minutes, an MFA reset 2 minutes later for even i.</summary>
    private static List<(string Id, string Event)> Deliveries(DateTimeOffset start)
    {
        var deliveries = new List<(string, string)>();
        for (var i = 0; i < Users; i++)
        {
            var user = $"user{i}@example.com";
            var at = start + TimeSpan.FromMinutes(5 * i);
            deliveries.Add(($"reset-{i}", OktaHook.Event($"reset-{i}", "user.account.reset_password", at, user)));
            if (i % 2 == 0)
            {
                deliveries.Add(($"mfa-{i}", OktaHook.Event($"mfa-{i}", "user.mfa.factor.reset_all", at + TimeSpan.FromMinutes(2), user)));
            }
        }

        return deliveries;
    }

    private static SortedDictionary<string, int> PerRule(Dictionary<string, string> alerts) =>
        new(alerts.Values.GroupBy(rule => rule).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);

    private static (string Id, string Rule) AlertOf(string ocsf)
    {
        using var json = JsonDocument.Parse(ocsf);
        var finding = json.RootElement.GetProperty("finding_info");
        return (finding.GetProperty("uid").GetString()!, finding.GetProperty("analytic").GetProperty("uid").GetString()!);
    }

    /// <summary>Deliveries in the inbox, those processed, and the events they were counted as holding.</summary>
    private static (long Rows, long Processed, long Events) InboxState(string database)
    {
        using var connection = new NpgsqlConnection(PostgresDatabase.ConnectionString(database).Value);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*), count(processed_at), coalesce(sum(events), 0) FROM inbox", connection);
        using var rows = command.ExecuteReader();
        rows.Read();
        return (rows.GetInt64(0), rows.GetInt64(1), rows.GetInt64(2));
    }

    private static async Task Until(Func<bool> condition, Func<string>? what = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the condition did not become true within 60 s; {what?.Invoke()}");
            await Task.Delay(50, Cancel);
        }
    }
}
