using System.Globalization;
using System.Net.Sockets;
using System.Text;
using ResetTrail.Detection.Alerts;

namespace ResetTrail.Detection.Delivery;

/// <summary>
/// Sends alerts to a syslog collector as RFC 5424 messages with a CEF payload: over TCP framed by octet counting
/// (RFC 6587 section 3.4.1, "LEN SP MSG"), or over UDP one datagram each (RFC 5426). The TCP connection is kept and
/// reopened after a failure; UDP cannot tell delivery from loss, which is why TCP is the default.
/// </summary>
public sealed class SyslogSink(string name, string host, int port, bool udp, string hostName) : IAlertSink, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private TcpClient? tcp;

    public string Name { get; } = name;

    public async Task DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        var message = Encoding.UTF8.GetBytes(CefMessage.Syslog(alert, hostName, Environment.ProcessId));
        if (udp)
        {
            using var client = new UdpClient();
            await client.SendAsync(message, host, port, cancellationToken).ConfigureAwait(false);
            return;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (tcp is not { Connected: true })
            {
                tcp?.Dispose();
                tcp = new TcpClient();
                await tcp.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            }

            var frame = Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture) + " ");
            var stream = tcp.GetStream();
            await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            tcp?.Dispose();
            tcp = null;
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        tcp?.Dispose();
        gate.Dispose();
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"syslog {(udp ? "udp" : "tcp")}://{host}:{port}");

}
