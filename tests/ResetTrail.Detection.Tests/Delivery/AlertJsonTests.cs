using System.Text.Json;
using ResetTrail.Detection.Delivery;

namespace ResetTrail.Detection.Tests.Delivery;

public sealed class AlertJsonTests
{
    [Fact]
    public void Our_json_form_reads_back_to_the_same_alert()
    {
        var alert = AlertSamples.One();
        var back = AlertJson.Read(AlertJson.Plain(alert));
        Assert.Equal(alert with { Evidence = [] }, back with { Evidence = [] });
        Assert.Equal(alert.Evidence, back.Evidence);
    }

    [Fact]
    public void The_ocsf_form_is_a_detection_finding_that_explains_itself()
    {
        var alert = AlertSamples.One();
        using var json = JsonDocument.Parse(AlertJson.Ocsf(alert));
        var root = json.RootElement;
        Assert.Equal(200401, root.GetProperty("type_uid").GetInt32());
        Assert.Equal(3, root.GetProperty("severity_id").GetInt32());
        Assert.Equal("T1098", root.GetProperty("finding_info").GetProperty("attacks")[0].GetProperty("technique").GetProperty("uid").GetString());
        Assert.Equal(alert.Evidence[0].Id, root.GetProperty("finding_info").GetProperty("related_events")[0].GetProperty("uid").GetString());
        Assert.Equal(alert.Threshold, root.GetProperty("unmapped").GetProperty("threshold").GetString());
    }

    [Fact]
    public void Backoff_grows_exponentially_with_jitter_up_to_its_maximum()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        for (var i = 0; i < 50; i++)
        {
            Assert.InRange(backoff.After(1), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
            Assert.InRange(backoff.After(4), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8));
            Assert.InRange(backoff.After(40), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
        }

        Assert.True(Enumerable.Range(0, 20).Select(_ => backoff.After(6)).Distinct().Count() > 1);
    }
}
