using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ResetTrail.Testing;

namespace ResetTrail.Cli.Tests.Server;

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
