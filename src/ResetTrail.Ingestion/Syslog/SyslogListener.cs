using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;

namespace ResetTrail.Ingestion.Syslog;

/// <summary>Where and how <see cref="SyslogListener"/> listens.</summary>
public sealed record SyslogListenerOptions
{
    /// <summary>TCP endpoint (octet counting or LF framing; TLS per RFC 5425 when a certificate is set). Port 0 picks a free one.</summary>
    public IPEndPoint? Tcp { get; init; }

    /// <summary>UDP endpoint: one message per datagram (RFC 5426).</summary>
    public IPEndPoint? Udp { get; init; }

    /// <summary>When set, TCP connections are TLS (RFC 5425) with this server certificate.</summary>
    public X509Certificate2? TlsCertificate { get; init; }

    public int MaxMessageBytes { get; init; } = 64 * 1024;

    public int MaxConnections { get; init; } = 256;

    /// <summary>A TCP connection that sends nothing for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>One message received, or why the bytes received were not one. Never contains the raw bytes.</summary>
public sealed record SyslogReceived(SyslogMessage? Message, string? Problem, string Peer, string Transport);

/// <summary>
/// Receives syslog over TCP, TLS and UDP and writes every message, or the problem with it, to a channel. Reading
/// waits while the channel is full, so a slow consumer slows TCP senders down instead of growing memory. Frames are
/// bounded by <see cref="SyslogListenerOptions.MaxMessageBytes"/>, connections by MaxConnections and an idle timeout.
/// </summary>
public sealed class SyslogListener : IAsyncDisposable
{
    private readonly SyslogListenerOptions options;
    private readonly ChannelWriter<SyslogReceived> output;
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim connectionSlots;
    private readonly TcpListener? tcp;
    private readonly UdpClient? udp;
    private readonly List<Task> loops = [];

    private SyslogListener(SyslogListenerOptions options, ChannelWriter<SyslogReceived> output)
    {
        this.options = options;
        this.output = output;
        connectionSlots = new SemaphoreSlim(options.MaxConnections, options.MaxConnections);
        if (options.Tcp is { } tcpEndpoint)
        {
            tcp = new TcpListener(tcpEndpoint);
            tcp.Start();
            TcpEndpoint = (IPEndPoint)tcp.LocalEndpoint;
        }

        if (options.Udp is { } udpEndpoint)
        {
            udp = new UdpClient(udpEndpoint);
            UdpEndpoint = (IPEndPoint)udp.Client.LocalEndPoint!;
        }
    }

    /// <summary>The TCP endpoint actually bound (its port when 0 was asked for), or null.</summary>
    public IPEndPoint? TcpEndpoint { get; }

    public IPEndPoint? UdpEndpoint { get; }

    public static SyslogListener Start(SyslogListenerOptions options, ChannelWriter<SyslogReceived> output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        if (options.Tcp is null && options.Udp is null)
        {
            throw new ArgumentException("give a TCP or a UDP endpoint (or both) to listen on", nameof(options));
        }

        var listener = new SyslogListener(options, output);
        if (listener.tcp is not null)
        {
            listener.loops.Add(Task.Run(listener.AcceptLoopAsync));
        }

        if (listener.udp is not null)
        {
            listener.loops.Add(Task.Run(listener.UdpLoopAsync));
        }

        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        tcp?.Stop();
        udp?.Dispose();
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
        connectionSlots.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var client = await tcp!.AcceptTcpClientAsync(stopping.Token).ConfigureAwait(false);
                if (!connectionSlots.Wait(0))
                {
                    client.Dispose(); // over the limit: refuse rather than queue unbounded sockets
                    continue;
                }

                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(Task.Run(() => ServeAsync(client)));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && stopping.IsCancellationRequested)
        {
        }

        await Task.WhenAll(connections).ConfigureAwait(false);
    }

    private async Task ServeAsync(TcpClient client)
    {
        var peer = client.Client.RemoteEndPoint?.ToString() ?? "unknown";
        var transport = options.TlsCertificate is null ? "tcp" : "tls";
        try
        {
            using (client)
            {
                Stream stream = client.GetStream();
                if (options.TlsCertificate is { } certificate)
                {
                    var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                    using var handshake = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                    handshake.CancelAfter(options.IdleTimeout);
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, handshake.Token).ConfigureAwait(false);
                    stream = tls;
                }

                await using (stream.ConfigureAwait(false))
                {
                    await ReadFramesAsync(stream, peer, transport).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or AuthenticationException or OperationCanceledException or ObjectDisposedException)
        {
            if (!stopping.IsCancellationRequested)
            {
                await Report(null, $"connection ended: {Describe(e)}", peer, transport).ConfigureAwait(false);
            }
        }
        finally
        {
            connectionSlots.Release();
        }
    }

    private async Task ReadFramesAsync(Stream stream, string peer, string transport)
    {
        var framing = new SyslogFraming(stream, options.MaxMessageBytes);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        while (true)
        {
            idle.CancelAfter(options.IdleTimeout);
            var frame = await framing.ReadAsync(idle.Token).ConfigureAwait(false);
            if (frame.Bytes is { } bytes)
            {
                var parsed = Rfc5424Parser.Parse(bytes);
                await Report(parsed.Message, parsed.Problem, peer, transport).ConfigureAwait(false);
                continue;
            }

            if (frame.Problem is { } problem)
            {
                await Report(null, problem + "; connection closed", peer, transport).ConfigureAwait(false);
            }

            return;
        }
    }

    private async Task UdpLoopAsync()
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var datagram = await udp!.ReceiveAsync(stopping.Token).ConfigureAwait(false);
                var peer = datagram.RemoteEndPoint.ToString();
                if (datagram.Buffer.Length > options.MaxMessageBytes)
                {
                    await Report(null, $"a datagram of {datagram.Buffer.Length} bytes is larger than the {options.MaxMessageBytes}-byte limit", peer, "udp").ConfigureAwait(false);
                    continue;
                }

                var parsed = Rfc5424Parser.Parse(datagram.Buffer.AsSpan().TrimEnd("\n"u8));
                await Report(parsed.Message, parsed.Problem, peer, "udp").ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && stopping.IsCancellationRequested)
        {
        }
    }

    private ValueTask Report(SyslogMessage? message, string? problem, string peer, string transport) =>
        output.WriteAsync(new SyslogReceived(message, problem, peer, transport), stopping.Token);

    private static string Describe(Exception e) => e switch
    {
        OperationCanceledException => "idle for too long",
        AuthenticationException => "TLS handshake failed",
        _ => e.Message,
    };
}
