using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ResetTrail.Detection.Tests.Delivery;

/// <summary>A real HTTP receiver on a free loopback port (HttpListener) that records requests and answers 503 while told to refuse.</summary>
internal sealed class LoopbackWebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;

    public LoopbackWebhookReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/hook/");
        listener.Prefixes.Add(Url.ToString());
        listener.Start();
        loop = Task.Run(Serve);
    }

    public Uri Url { get; }

    public volatile bool Refusing;

    public ConcurrentQueue<(IReadOnlyDictionary<string, string> Headers, byte[] Body)> Accepted { get; } = new();

    public int Refused => refused;

    private int refused;

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (Refusing)
            {
                Interlocked.Increment(ref refused);
                context.Response.StatusCode = 503;
            }
            else
            {
                var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k.ToLowerInvariant(), k => context.Request.Headers[k]!);
                Accepted.Enqueue((headers, body.ToArray()));
                context.Response.StatusCode = 204;
            }

            context.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
