using System.Text;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Realtime;
using ResetTrail.Ingestion.Sources.Okta;
using ResetTrail.Ingestion.Tests.Sources;

namespace ResetTrail.Ingestion.Tests.Realtime;

public sealed class DeliveryReaderTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(SourceTestData.Dir("okta"), "fixtures", name));

    [Fact]
    public void An_okta_event_hook_delivery_reads_like_the_same_file()
    {
        var body = Fixture("event-hook.json");
        using var file = new MemoryStream(body);
        var fromFile = new OktaSource().Read(file, "hook").Select(r => r.Event!).ToList();

        var delivered = DeliveryReader.Read(DeliveryChannels.OktaEventHook, null, body, "hook");

        Assert.Equal(5, delivered.Count);
        Assert.Equal(fromFile, delivered.Select(r => r.Event!));
        Assert.Contains(delivered, r => r.Event!.Kind == ChangeKind.PasswordReset);
    }

    [Fact]
    public void A_webhook_reads_with_the_source_it_names_and_refuses_an_unknown_one()
    {
        var body = Fixture("event-hook.json");

        Assert.Equal(5, DeliveryReader.Read(DeliveryChannels.Webhook, "okta", body, "hook").Count(r => r.Event is not null));
        var refused = Assert.Single(DeliveryReader.Read(DeliveryChannels.Webhook, "ldap", body, "hook"));
        Assert.Equal("the webhook names source 'ldap', which is not one of okta, entra, windows, keycloak, google_workspace", refused.Problem!.Message);
    }

    [Fact]
    public void A_syslog_body_is_read_by_the_source_that_recognises_it()
    {
        var xml = File.ReadAllText(Path.Combine(SourceTestData.Dir("windows"), "event-4740.event.xml"));

        var record = Assert.Single(DeliveryReader.Read(DeliveryChannels.Syslog, null, Encoding.UTF8.GetBytes(xml), "syslog"));

        Assert.Equal("4740", record.Event!.SourceEventType);
    }
}
