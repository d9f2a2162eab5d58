using System.Runtime.CompilerServices;
using System.Text;
using ResetTrail.Ingestion.Tickets;

namespace ResetTrail.Ingestion.Tests.Tickets;

/// <summary>Test files, found beside the sources (no csproj copy step), and readers over strings.</summary>
internal static class HelpdeskData
{
    public static string PathOf(string relative, [CallerFilePath] string caller = "") =>
        Path.Combine(Path.GetDirectoryName(caller)!, "..", "TestData", relative);

    public static List<TicketReadResult> ReadFile(ITicketSource source, string relative)
    {
        using var stream = File.OpenRead(PathOf(relative));
        return [.. source.Read(stream, Path.GetFileName(relative))];
    }

    public static List<TicketReadResult> ReadText(ITicketSource source, string text, string fileName = "t.csv", bool trickle = false)
    {
        Stream stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        if (trickle)
        {
            stream = new TrickleStream(stream);
        }

        using (stream)
        {
            return [.. source.Read(stream, fileName)];
        }
    }

    private static readonly string[] NoApprovers = [];

    /// <summary>Records compare lists by reference; this compares approvers by content and the rest as the record does.</summary>
    public static void AssertSameTickets(IReadOnlyList<TicketReadResult> expected, IReadOnlyList<TicketReadResult> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e.Problem, a.Problem);
            Assert.Equal(e.Ticket?.Approvers ?? [], a.Ticket?.Approvers ?? []);
            Assert.Equal(e.Ticket! with { Approvers = NoApprovers }, a.Ticket! with { Approvers = NoApprovers });
        }
    }

    /// <summary>Hands out a few bytes per read, so every buffer boundary a streaming reader has is crossed.</summary>
    internal sealed class TrickleStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 3));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
