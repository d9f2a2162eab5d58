using System.Globalization;
using System.Net.Http.Headers;
using ResetTrail.Detection.Alerts;

namespace ResetTrail.Detection.Delivery;

/// <summary>
/// Posts each alert as an OCSF Detection Finding to a URL, signed the Standard Webhooks way: webhook-id (the alert
/// id, so a receiver drops repeats), webhook-timestamp (Unix seconds, now) and webhook-signature. Any answer other
/// than 2xx is a failure the outbox retries.
/// </summary>
public sealed class WebhookSink(string name, Uri url, WebhookSecret secret, HttpClient client, TimeProvider time) : IAlertSink
{
    public string Name { get; } = name;

    public async Task DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var body = AlertJson.Ocsf(alert);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", alert.Id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", secret.Sign(alert.Id, timestamp, body));
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"webhook {Name} answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
    }
}
