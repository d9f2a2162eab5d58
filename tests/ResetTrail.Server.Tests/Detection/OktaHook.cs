using System.Globalization;
using System.Net;
using System.Text;

namespace ResetTrail.Server.Tests.Detection;

/// <summary>Okta Event Hook deliveries in the documented shape (<c>data.events</c> of System Log events), posted to a running server.</summary>
internal static class OktaHook
{
    public const string Secret = "okta-hook-secret-of-at-least-32-characters";

    /// <summary>A System Log event: <paramref name="actor"/> did <paramref name="eventType"/> to <paramref name="target"/>, successfully.</summary>
    public static string Event(string uuid, string eventType, DateTimeOffset at, string target, string actor = "desk.admin@example.com")
    {
        var published = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return $$$"""{"uuid":"{{{uuid}}}","published":"{{{published}}}","eventType":"{{{eventType}}}","displayMessage":"{{{eventType}}}","actor":{"id":"00u-{{{actor}}}","type":"User","alternateId":"{{{actor}}}"},"target":[{"id":"00u-{{{target}}}","type":"User","alternateId":"{{{target}}}","displayName":"{{{target}}}"}],"outcome":{"result":"SUCCESS"}}""";
    }

    public static string Delivery(string deliveryId, params string[] events) =>
        $$$"""{"eventType":"com.okta.event_hook","eventTypeVersion":"1.0","cloudEventsVersion":"0.1","source":"https://example.okta.com/api/v1/eventHooks/test","eventId":"{{{deliveryId}}}","data":{"events":[{{{string.Join(',', events)}}}]}}""";

    /// <summary>Posts a delivery with the hook's secret; Okta's retry contract needs the 200.</summary>
    public static async Task Post(RunningServer server, string delivery)
    {
        using var client = server.Anonymous();
        using var post = new HttpRequestMessage(HttpMethod.Post, "hooks/okta") { Content = new StringContent(delivery, Encoding.UTF8, "application/json") };
        post.Headers.Add("Authorization", Secret);
        using var answer = await client.SendAsync(post, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }
}
