using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Channels;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Syslog;
using ResetTrail.Ingestion.Sources.Windows;
using ResetTrail.Ingestion.Tests.Sources;

namespace ResetTrail.Ingestion.Tests.Syslog;

/// <summary>The listener on real loopback sockets: TCP, TLS and UDP, as forwarders send Windows events.</summary>
public sealed class SyslogListenerTests
{
    private static readonly IPEndPoint AnyLoopbackPort = new(IPAddress.Loopback, 0);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static byte[] OctetCounted(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        return [.. Encoding.ASCII.GetBytes($"{bytes.Length} "), .. bytes];
    }

    private static async Task<List<SyslogReceived>> Receive(ChannelReader<SyslogReceived> reader, int count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var received = new List<SyslogReceived>();
        while (received.Count < count)
        {
            received.Add(await reader.ReadAsync(timeout.Token));
        }

        return received;
    }

    /// <summary>A Windows 4724 event as event XML in one line, as forwarders put it in the message part.</summary>
    private static string WindowsEventXml()
    {
        var xml = File.ReadAllLines(Path.Combine(SourceTestData.Dir("windows"), "event-4724.event.xml"))
            .Select(l => l.TrimStart().StartsWith("- <", StringComparison.Ordinal) ? l.TrimStart()[2..] : l.Trim());
        return string.Concat(xml);
    }

    [Fact]
    public async Task Tcp_frames_arrive_parsed_in_order_and_a_broken_one_is_reported()
    {
        var channel = Channel.CreateUnbounded<SyslogReceived>();
        await using var listener = SyslogListener.Start(new SyslogListenerOptions { Tcp = AnyLoopbackPort }, channel.Writer);
        using var client = new TcpClient();
        await client.ConnectAsync(listener.TcpEndpoint!, Cancel);
        var stream = client.GetStream();

        await stream.WriteAsync(OctetCounted("<13>1 2026-11-27T09:00:00Z host app - - - one"), Cancel);
        await stream.WriteAsync(Encoding.UTF8.GetBytes("<13>1 2026-11-27T09:00:01Z host app - - - two\n<13>0 bad\n"), Cancel);
        var received = await Receive(channel.Reader, 3);

        Assert.Equal(["one", "two"], received.Take(2).Select(r => r.Message!.Message));
        Assert.All(received, r => Assert.Equal("tcp", r.Transport));
        Assert.StartsWith("127.0.0.1:", received[0].Peer, StringComparison.Ordinal);
        Assert.Equal("byte 6: version 0 is not RFC 5424's version 1", received[2].Problem);
    }

    [Fact]
    public async Task A_windows_event_sent_over_syslog_becomes_the_same_identity_event_as_from_a_file()
    {
        var channel = Channel.CreateUnbounded<SyslogReceived>();
        await using var listener = SyslogListener.Start(new SyslogListenerOptions { Tcp = AnyLoopbackPort }, channel.Writer);
        using var client = new TcpClient();
        await client.ConnectAsync(listener.TcpEndpoint!, Cancel);

        await client.GetStream().WriteAsync(OctetCounted("<86>1 2015-08-22T01:32:51Z DC01.contoso.local Microsoft-Windows-Security-Auditing 520 4724 - " + WindowsEventXml()), Cancel);
        var message = (await Receive(channel.Reader, 1))[0].Message!;
        var records = SyslogEvents.Read(message, "syslog 127.0.0.1");

        var e = Assert.Single(records).Event!;
        using var file = File.OpenRead(Path.Combine(SourceTestData.Dir("windows"), "event-4724.event.xml"));
        var fromFile = Assert.Single(new WindowsSource().Read(file, "event-4724.event.xml")).Event!;
        Assert.Equal(ChangeKind.PasswordReset, e.Kind);
        Assert.Equal(fromFile with { Location = null }, e with { Location = null });
    }

    [Fact]
    public void A_body_that_is_not_an_event_is_one_problem_not_silence()
    {
        var message = Rfc5424Parser.Parse("<13>1 - host app - - - just some text"u8).Message!;

        var record = Assert.Single(SyslogEvents.Read(message, "syslog test"));

        Assert.Null(record.Event);
        Assert.StartsWith("the syslog message body is not an event of a known source", record.Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Udp_datagrams_are_one_message_each()
    {
        var channel = Channel.CreateUnbounded<SyslogReceived>();
        await using var listener = SyslogListener.Start(new SyslogListenerOptions { Udp = AnyLoopbackPort }, channel.Writer);
        using var client = new UdpClient();

        await client.SendAsync(Encoding.UTF8.GetBytes("<13>1 - host app - - - over udp\n"), listener.UdpEndpoint!, Cancel);
        var received = (await Receive(channel.Reader, 1))[0];

        Assert.Equal(("udp", "over udp"), (received.Transport, received.Message!.Message));
    }

    [Fact]
    public async Task Tls_connections_are_read_like_tcp()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        using var certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
        var channel = Channel.CreateUnbounded<SyslogReceived>();
        await using var listener = SyslogListener.Start(new SyslogListenerOptions { Tcp = AnyLoopbackPort, TlsCertificate = certificate }, channel.Writer);
        using var client = new TcpClient();
        await client.ConnectAsync(listener.TcpEndpoint!, Cancel);
        await using var tls = new SslStream(client.GetStream(), false, (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString());

        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, Cancel);
        await tls.WriteAsync(OctetCounted("<13>1 - host app - - - private"), Cancel);
        await tls.FlushAsync(Cancel);
        var received = (await Receive(channel.Reader, 1))[0];

        Assert.Equal(("tls", "private"), (received.Transport, received.Message!.Message));
    }

    [Fact]
    public async Task A_plain_client_on_the_tls_port_is_refused_with_a_reason()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ephemeral = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        using var certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
        var channel = Channel.CreateUnbounded<SyslogReceived>();
        await using var listener = SyslogListener.Start(new SyslogListenerOptions { Tcp = AnyLoopbackPort, TlsCertificate = certificate }, channel.Writer);
        using var client = new TcpClient();
        await client.ConnectAsync(listener.TcpEndpoint!, Cancel);

        await client.GetStream().WriteAsync(OctetCounted("<13>1 - host app - - - in clear"), Cancel);
        var received = (await Receive(channel.Reader, 1))[0];

        Assert.Null(received.Message);
        Assert.StartsWith("connection ended: ", received.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idle_connection_is_closed()
    {
        var channel = Channel.CreateUnbounded<SyslogReceived>();
        await using var listener = SyslogListener.Start(new SyslogListenerOptions { Tcp = AnyLoopbackPort, IdleTimeout = TimeSpan.FromMilliseconds(200) }, channel.Writer);
        using var client = new TcpClient();
        await client.ConnectAsync(listener.TcpEndpoint!, Cancel);

        var received = (await Receive(channel.Reader, 1))[0];
        var read = await client.GetStream().ReadAsync(new byte[1], Cancel);

        Assert.Equal("connection ended: idle for too long", received.Problem);
        Assert.Equal(0, read);
    }

    [Fact]
    public async Task An_oversized_frame_closes_the_connection_and_says_why()
    {
        var channel = Channel.CreateUnbounded<SyslogReceived>();
        await using var listener = SyslogListener.Start(new SyslogListenerOptions { Tcp = AnyLoopbackPort, MaxMessageBytes = 100 }, channel.Writer);
        using var client = new TcpClient();
        await client.ConnectAsync(listener.TcpEndpoint!, Cancel);

        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("5000 <13>1 "), Cancel);
        var received = (await Receive(channel.Reader, 1))[0];

        Assert.Equal("a frame of 5000 bytes is larger than the 100-byte limit; connection closed", received.Problem);
    }
}
