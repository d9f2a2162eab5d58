using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ResetTrail.Detection.Delivery;

namespace ResetTrail.Detection.Tests.Delivery;

public sealed class WebhookTests
{
    [Fact]
    public void Signature_matches_the_published_standard_webhooks_example()
    {
        // The example of standard-webhooks/standard-webhooks (libraries/*/ tests): secret, id, timestamp, body, signature.
        var secret = WebhookSecret.Parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")!;
        var body = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");
        var signature = secret.Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
        Assert.True(secret.Verify("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body, "v1,bm9wZQ== " + signature));
        Assert.False(secret.Verify("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331, body, signature));
    }

    [Fact]
    public void A_secret_never_shows_its_key_and_bad_secrets_are_refused()
    {
        var text = WebhookSecret.Generate();
        Assert.StartsWith("whsec_", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text[6..], WebhookSecret.Parse(text)!.ToString(), StringComparison.Ordinal);
        Assert.Null(WebhookSecret.Parse("whsec_not base64"));
        Assert.Null(WebhookSecret.Parse("whsec_c2hvcnQ="));
    }

    [Fact]
    public async Task The_sink_posts_a_signed_ocsf_finding_a_loopback_receiver_can_verify()
    {
        using var receiver = new LoopbackWebhookReceiver();
        using var client = new HttpClient();
        var secretText = WebhookSecret.Generate();
        var time = new FakeTimeProvider(Samples.T0.AddMinutes(1));
        var sink = new WebhookSink("soc", receiver.Url, WebhookSecret.Parse(secretText)!, client, time);
        var alert = AlertSamples.One();

        await sink.DeliverAsync(alert, TestContext.Current.CancellationToken);

        var (headers, body) = Assert.Single(receiver.Accepted);
        Assert.Equal(alert.Id, headers["webhook-id"]);
        Assert.Equal(time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), headers["webhook-timestamp"]);
        Assert.True(WebhookSecret.Parse(secretText)!.Verify(alert.Id, long.Parse(headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture), body, headers["webhook-signature"]));
        using var json = JsonDocument.Parse(body);
        Assert.Equal(2004, json.RootElement.GetProperty("class_uid").GetInt32());
        Assert.Equal(alert.Id, json.RootElement.GetProperty("finding_info").GetProperty("uid").GetString());
        Assert.Equal("RT-D009", json.RootElement.GetProperty("finding_info").GetProperty("analytic").GetProperty("uid").GetString());
    }

    [Fact]
    public async Task A_refusing_receiver_is_a_failure_the_caller_sees()
    {
        using var receiver = new LoopbackWebhookReceiver { Refusing = true };
        using var client = new HttpClient();
        var sink = new WebhookSink("soc", receiver.Url, WebhookSecret.Parse(WebhookSecret.Generate())!, client, TimeProvider.System);
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => sink.DeliverAsync(AlertSamples.One(), TestContext.Current.CancellationToken));
        Assert.Contains("503", failure.Message, StringComparison.Ordinal);
    }
}
