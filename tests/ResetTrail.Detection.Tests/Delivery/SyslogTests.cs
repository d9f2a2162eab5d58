using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using ResetTrail.Detection.Delivery;

namespace ResetTrail.Detection.Tests.Delivery;

public sealed partial class SyslogTests
{
    [Fact]
    public async Task Tcp_delivery_is_octet_counted_rfc5424_with_a_cef_payload()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var sink = new SyslogSink("siem", "127.0.0.1", port, udp: false, "detector-1");
        var alerts = AlertSamples.Many(2);
        var accept = listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        foreach (var alert in alerts)
        {
            await sink.DeliverAsync(alert, TestContext.Current.CancellationToken);
        }

        using var peer = await accept;
        var stream = peer.GetStream();
        var first = await ReadFrame(stream);
        var second = await ReadFrame(stream);
        listener.Stop();

        var match = Rfc5424().Match(first);
        Assert.True(match.Success, first);
        Assert.Equal("84", match.Groups["pri"].Value); // authpriv (10) * 8 + warning (4): medium
        Assert.Equal("detector-1", match.Groups["host"].Value);
        Assert.Equal("RT-D009", match.Groups["msgid"].Value);
        Assert.Contains($"alert=\"{alerts[0].Id}\"", first, StringComparison.Ordinal);
        Assert.StartsWith("CEF:0|ResetTrail|ResetTrail|1.0|RT-D009|Temporary access pass created|5|", match.Groups["msg"].Value, StringComparison.Ordinal);
        Assert.Contains($"externalId={alerts[1].Id}", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Udp_delivery_is_one_datagram_per_alert()
    {
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;
        using var sink = new SyslogSink("siem", "127.0.0.1", port, udp: true, "detector-1");
        var alert = AlertSamples.One();
        await sink.DeliverAsync(alert, TestContext.Current.CancellationToken);
        var received = await listener.ReceiveAsync(TestContext.Current.CancellationToken);
        var text = Encoding.UTF8.GetString(received.Buffer);
        Assert.StartsWith("<84>1 ", text, StringComparison.Ordinal);
        Assert.Contains($"externalId={alert.Id}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_is_a_failure_the_caller_sees()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var sink = new SyslogSink("siem", "127.0.0.1", port, udp: false, "detector-1");
        await Assert.ThrowsAnyAsync<SocketException>(() => sink.DeliverAsync(AlertSamples.One(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Cef_escapes_pipes_in_headers_and_equals_and_newlines_in_values()
    {
        var alert = AlertSamples.One() with { Summary = "a=b\nc\\d" };
        alert = alert with { Rule = alert.Rule with { Title = "x|y" } };
        var cef = CefMessage.Cef(alert);
        Assert.Contains("|x\\|y|", cef, StringComparison.Ordinal);
        Assert.EndsWith("msg=a\\=b\\nc\\\\d", cef, StringComparison.Ordinal);
    }

    private static async Task<string> ReadFrame(NetworkStream stream)
    {
        var length = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1 && one[0] != (byte)' ')
        {
            length.Append((char)one[0]);
        }

        var body = new byte[int.Parse(length.ToString(), System.Globalization.CultureInfo.InvariantCulture)];
        await stream.ReadExactlyAsync(body);
        return Encoding.UTF8.GetString(body);
    }

    [GeneratedRegex(@"^<(?<pri>\d{1,3})>1 (?<ts>\S+) (?<host>\S+) (?<app>\S+) (?<proc>\S+) (?<msgid>\S+) (?<sd>\[[^\]]*\]) (?<msg>.*)$", RegexOptions.Singleline)]
    private static partial Regex Rfc5424();
}
