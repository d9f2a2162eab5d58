using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ResetTrail.Detection.Delivery;

namespace ResetTrail.Cli.Tests.Server;

/// <summary>
/// A webhook receiver on loopback that checks each Standard Webhooks signature and records (webhook-id, body), and
/// answers 503 to the first <c>refuse</c> deliveries (a receiver that is down for a while).
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

/// <summary>A syslog collector on loopback TCP that keeps everything it is sent.</summary>
internal sealed class SyslogReceiver : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly StringBuilder received = new();

    public SyslogReceiver()
    {
        listener.Start();
        _ = Task.Run(Loop);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public string Received
    {
        get
        {
            lock (received)
            {
                return received.ToString();
            }
        }
    }

    public void Dispose() => listener.Stop();

    private async Task Loop()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (client)
                {
                    var buffer = new byte[8192];
                    var stream = client.GetStream();
                    int read;
                    try
                    {
                        while ((read = await stream.ReadAsync(buffer)) > 0)
                        {
                            lock (received)
                            {
                                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
                            }
                        }
                    }
                    catch (IOException)
                    {
                    }
                }
            });
        }
    }
}
