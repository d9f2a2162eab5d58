using System.Text;
using ResetTrail.Ingestion.Syslog;
using ResetTrail.Ingestion.Tests.Sources;

namespace ResetTrail.Ingestion.Tests.Syslog;

/// <summary>RFC 6587 framing: octet counting and LF-ended frames, with every refill boundary exercised.</summary>
public sealed class SyslogFramingTests
{
    private static async Task<List<string>> Frames(string wire, int maxFrame = 1024, int maxRead = int.MaxValue, List<string>? problems = null)
    {
        var stream = new TrickleStream(new MemoryStream(Encoding.UTF8.GetBytes(wire)), maxRead);
        var framing = new SyslogFraming(stream, maxFrame);
        var frames = new List<string>();
        while (true)
        {
            var frame = await framing.ReadAsync(TestContext.Current.CancellationToken);
            if (frame.Bytes is { } bytes)
            {
                frames.Add(Encoding.UTF8.GetString(bytes));
                continue;
            }

            if (frame.Problem is { } problem)
            {
                problems?.Add(problem);
            }

            return frames;
        }
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Octet_counted_and_line_ended_frames_are_split_wherever_reads_end(int maxRead)
    {
        const string Wire = "17 <13>1 - - - - - a17 <13>1 - - - - - b<13>1 - - - - - c\n\n<13>1 - - - - - d\r\n11 <13>1 - x y";

        var frames = await Frames(Wire, maxRead: maxRead);

        Assert.Equal(["<13>1 - - - - - a", "<13>1 - - - - - b", "<13>1 - - - - - c", "<13>1 - - - - - d\r", "<13>1 - x y"], frames);
    }

    [Fact]
    public async Task The_last_line_may_lack_its_line_feed()
    {
        Assert.Equal(["<13>1 - - - - - a", "<13>1 - - - - - b"], await Frames("<13>1 - - - - - a\n<13>1 - - - - - b"));
    }

    [Fact]
    public async Task A_frame_over_the_limit_ends_the_stream_with_a_problem()
    {
        var problems = new List<string>();

        var frames = await Frames("5 <1>1 2000 " + new string('x', 2000), maxFrame: 1000, problems: problems);

        Assert.Equal(["<1>1 "], frames);
        Assert.Equal(["a frame of 2000 bytes is larger than the 1000-byte limit"], problems);
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_ends_the_stream_with_a_problem()
    {
        var problems = new List<string>();

        var frames = await Frames("<1>1 " + new string('x', 5000) + "\n", maxFrame: 1000, maxRead: 7, problems: problems);

        Assert.Empty(frames);
        Assert.Equal(["a line of more than 1000 bytes has no end"], problems);
    }

    [Theory]
    [InlineData("12 <1>1 short", "the stream ended 2 bytes before the end of a 12-byte frame")]
    [InlineData("1234567890 x", "a frame length is 1 to 9 digits followed by a space")]
    [InlineData("12x <1>", "a frame length is 1 to 9 digits followed by a space")]
    [InlineData("hello", "a frame starts with a length (octet counting) or '<' (non-transparent framing), not byte 0x68")]
    [InlineData("12", "the stream ended inside a frame length")]
    public async Task Broken_framing_is_named(string wire, string problem)
    {
        var problems = new List<string>();

        await Frames(wire, problems: problems);

        Assert.Equal([problem], problems);
    }
}
