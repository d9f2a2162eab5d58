using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ResetTrail.Ingestion.Realtime;
using ResetTrail.Ingestion.Syslog;
using ResetTrail.Server.Hosting;
using ResetTrail.Ingestion.Inbox;

namespace ResetTrail.Server.Ingest;

/// <summary>
/// Hosts the syslog listener when Ingest:SyslogTcp or Ingest:SyslogUdp is set: each received message's body goes to
/// the inbox (many per commit when they arrive together), and the inbox worker reads its events.
/// </summary>
internal sealed partial class SyslogService(IngestSettings settings, ServerDatabase database, InboxSignal signal, TimeProvider time, ILogger<SyslogService> logger)
    : IHostedService, IAsyncDisposable
{
    private const int Batch = 256;
    private readonly Channel<SyslogReceived> received = Channel.CreateBounded<SyslogReceived>(new BoundedChannelOptions(4096) { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private SyslogListener? listener;
    private X509Certificate2? certificate;
    private Task? pump;

    public IPEndPoint? TcpEndpoint => listener?.TcpEndpoint;

    public IPEndPoint? UdpEndpoint => listener?.UdpEndpoint;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.SyslogTcp is null && settings.SyslogUdp is null)
        {
            return Task.CompletedTask;
        }

        certificate = settings.SyslogTlsCertificate is { } path ? X509CertificateLoader.LoadPkcs12FromFile(path, settings.SyslogTlsPassword) : null;
        listener = SyslogListener.Start(new SyslogListenerOptions { Tcp = settings.SyslogTcp, Udp = settings.SyslogUdp, TlsCertificate = certificate }, received.Writer);
        var tcp = listener.TcpEndpoint?.ToString() ?? "-";
        var udp = listener.UdpEndpoint?.ToString() ?? "-";
        LogListening(logger, tcp, certificate is null ? "tcp" : "tls", udp);
        pump = Task.Run(() => PumpAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (listener is not null)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
            listener = null;
        }

        received.Writer.TryComplete();
        if (pump is not null)
        {
            await pump.ConfigureAwait(false); // drains what was received before the listener stopped
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        stopping.Dispose();
        certificate?.Dispose();
    }

    private async Task PumpAsync(CancellationToken cancel)
    {
        var batch = new List<InboxDelivery>(Batch);
        while (await received.Reader.WaitToReadAsync(cancel).ConfigureAwait(false))
        {
            while (batch.Count < Batch && received.Reader.TryRead(out var item))
            {
                if (item.Message is { } message)
                {
                    batch.Add(new InboxDelivery(DeliveryChannels.Syslog, settings.SyslogSource, item.Peer, Encoding.UTF8.GetBytes(message.Message)));
                }
                else
                {
                    LogRefused(logger, item.Transport, item.Peer, item.Problem ?? "unknown");
                }
            }

            if (batch.Count > 0)
            {
                database.Inbox.Accept(batch, time.GetUtcNow());
                signal.Pulse();
                batch.Clear();
            }
        }
    }

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "syslog listening: {Tcp} ({Transport}), udp {Udp}")]
    private static partial void LogListening(ILogger logger, string tcp, string transport, string udp);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "syslog over {Transport} from {Peer}: {Problem}")]
    private static partial void LogRefused(ILogger logger, string transport, string peer, string problem);
}
