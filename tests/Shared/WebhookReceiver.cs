using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ResetTrail.Detection.Delivery;

namespace ResetTrail.Testing;

/// <summary>
/// A webhook receiver on loopback that checks each Standard Webhooks signature and records (webhook-id, body), and
/// answers 503 to the first <c>refuse</c> deliveries (a receiver that is down for a while). Shared by the tests of
/// serve's detection (process and in-process servers).
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly WebhookSecret secret;
    private int refuse;

    public WebhookReceiver(WebhookSecret secret, int refuse)
    {
        this.secret = secret;
        this.refuse = refuse;
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        _ = Task.Run(Loop);
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/alerts");

    public ConcurrentQueue<(string Id, string Body)> Accepted { get; } = new();

    public int Refused { get; private set; }

    public int BadSignatures { get; private set; }

    public void Dispose() => listener.Close();

    private async Task Loop()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var id = context.Request.Headers["webhook-id"] ?? string.Empty;
            var timestamp = long.Parse(context.Request.Headers["webhook-timestamp"] ?? "0", CultureInfo.InvariantCulture);
            if (!secret.Verify(id, timestamp, body.ToArray(), context.Request.Headers["webhook-signature"] ?? string.Empty))
            {
                BadSignatures++;
                context.Response.StatusCode = 401;
            }
            else if (Interlocked.Decrement(ref refuse) >= 0)
            {
                Refused++;
                context.Response.StatusCode = 503;
            }
            else
            {
                Accepted.Enqueue((id, Encoding.UTF8.GetString(body.ToArray())));
                context.Response.StatusCode = 204;
            }

            context.Response.Close();
        }
    }

    internal static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
