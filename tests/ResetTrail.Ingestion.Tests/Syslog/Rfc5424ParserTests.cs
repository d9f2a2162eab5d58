using System.Text;
using ResetTrail.Ingestion.Syslog;

namespace ResetTrail.Ingestion.Tests.Syslog;

/// <summary>
/// The four examples of RFC 5424 section 6.5 (IETF Trust; quoted as test vectors), then broken messages, each with
/// the reason the parser must give.
/// </summary>
public sealed class Rfc5424ParserTests
{
    private static SyslogMessage Parsed(string text) => Parsed(Encoding.UTF8.GetBytes(text));

    private static SyslogMessage Parsed(byte[] bytes)
    {
        var result = Rfc5424Parser.Parse(bytes);
        Assert.Null(result.Problem);
        return result.Message!;
    }

    [Fact]
    public void Rfc_example_1_with_a_bom_and_no_structured_data()
    {
        var message = Parsed([.. "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - "u8, .. "\uFEFF'su root' failed for lonvick on /dev/pts/8"u8]);

        Assert.Equal((4, 2), (message.Facility, message.Severity));
        Assert.Equal(new DateTimeOffset(2003, 10, 11, 22, 14, 15, 3, TimeSpan.Zero), message.Timestamp);
        Assert.Equal(("mymachine.example.com", "su", (string?)null, "ID47"), (message.Hostname, message.AppName, message.ProcId, message.MsgId));
        Assert.Empty(message.StructuredData);
        Assert.Equal("'su root' failed for lonvick on /dev/pts/8", message.Message);
    }

    [Fact]
    public void Rfc_example_2_with_microseconds_and_an_offset()
    {
        var message = Parsed("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.");

        Assert.Equal((20, 5), (message.Facility, message.Severity));
        Assert.Equal(new DateTimeOffset(2003, 8, 24, 12, 14, 15, TimeSpan.Zero).AddTicks(30), message.Timestamp);
        Assert.Equal(("192.0.2.1", "myproc", "8710", (string?)null), (message.Hostname, message.AppName, message.ProcId, message.MsgId));
        Assert.Equal("%% It's time to make the do-nuts.", message.Message);
    }

    [Fact]
    public void Rfc_example_3_with_structured_data_and_a_message()
    {
        var message = Parsed([.. """<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] """u8, .. "\uFEFFAn application event log entry..."u8]);

        var element = Assert.Single(message.StructuredData);
        Assert.Equal("exampleSDID@32473", element.Id);
        Assert.Equal([new("iut", "3"), new("eventSource", "Application"), new("eventID", "1011")], element.Parameters);
        Assert.Equal("An application event log entry...", message.Message);
    }

    [Fact]
    public void Rfc_example_4_with_two_elements_and_no_message()
    {
        var message = Parsed("""<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]""");

        Assert.Equal(["exampleSDID@32473", "examplePriority@32473"], message.StructuredData.Select(e => e.Id));
        Assert.Equal(string.Empty, message.Message);
    }

    [Fact]
    public void Escaped_quotes_backslashes_and_brackets_in_parameter_values_are_unescaped()
    {
        var message = Parsed("""<13>1 - - - - - [x@1 a="say \"hi\"" b="C:\\temp" c="[a\]"] body""");

        Assert.Equal([new("a", "say \"hi\""), new("b", "C:\\temp"), new("c", "[a]")], message.StructuredData[0].Parameters);
        Assert.Null(message.Timestamp);
        Assert.Equal("body", message.Message);
    }

    [Theory]
    [InlineData("34>1 - - - - - -", "byte 1: a message starts with '<' and its priority (RFC 5424 PRI)")]
    [InlineData("<192>1 - - - - - -", "byte 5: the priority is a number from 0 to 191 followed by '>'")]
    [InlineData("<034>1 - - - - - -", "byte 5: the priority is a number from 0 to 191 followed by '>'")]
    [InlineData("<34>2 - - - - - -", "byte 6: version 2 is not RFC 5424's version 1")]
    [InlineData("<34>Oct 11 22:14:15 host su: x", "byte 5: the version must follow the priority")]
    [InlineData("<34>1 2003-10-11t22:14:15.003Z h a p m -", "byte 7: '2003-10-11t22:14:15.003Z' is not an RFC 3339 timestamp with a time zone (e.g. 2026-11-27T09:30:00.123Z)")]
    [InlineData("<34>1 2003-10-11T22:14:15.0000003Z h a p m -", "byte 7: '2003-10-11T22:14:15.0000003Z' is not an RFC 3339 timestamp with a time zone (e.g. 2026-11-27T09:30:00.123Z)")]
    [InlineData("<34>1 2003-10-11T22:14:15 h a p m -", "byte 7: '2003-10-11T22:14:15' is not an RFC 3339 timestamp with a time zone (e.g. 2026-11-27T09:30:00.123Z)")]
    [InlineData("<34>1 - h a p", "byte 14: the procid is 1 to 128 printable ASCII characters (or '-') followed by a space")]
    [InlineData("<34>1 - h a p m [x@1 a=\"open", "byte 29: the value of x@1.a has no closing quote")]
    [InlineData("<34>1 - h a p m [x@1 a=1]", "byte 24: a parameter of [x@1] is NAME=\"value\"")]
    [InlineData("<34>1 - h a p m [x@1", "byte 21: [x@1] is not closed by ']'")]
    [InlineData("<34>1 - h a p m x", "byte 17: structured data is '-' or one or more [elements]")]
    [InlineData("<34>1 - h a p m -x", "byte 18: a space must separate the structured data from the message")]
    public void A_broken_message_is_refused_with_where_and_why(string text, string problem)
    {
        var result = Rfc5424Parser.Parse(Encoding.UTF8.GetBytes(text));

        Assert.Null(result.Message);
        Assert.Equal(problem, result.Problem);
    }

    [Fact]
    public void A_hostname_longer_than_255_characters_is_refused()
    {
        var result = Rfc5424Parser.Parse(Encoding.ASCII.GetBytes($"<34>1 - {new string('h', 256)} a p m -"));

        Assert.EndsWith(": the hostname is 1 to 255 printable ASCII characters (or '-') followed by a space", result.Problem);
    }

    [Fact]
    public void A_message_marked_utf8_that_is_not_is_refused()
    {
        var result = Rfc5424Parser.Parse([.. "<34>1 - h a p m - "u8, 0xEF, 0xBB, 0xBF, 0xC3, 0x28]);

        Assert.EndsWith("the message starts with a UTF-8 byte-order mark but is not valid UTF-8", result.Problem);
    }

    [Fact]
    public void Every_truncation_and_byte_change_of_a_valid_message_parses_or_is_refused_without_throwing()
    {
        var valid = """<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="App\"x\]"] body"""u8.ToArray();
        var outcomes = 0;
        for (var cut = 0; cut <= valid.Length; cut++)
        {
            outcomes += Check(valid.AsSpan(0, cut).ToArray());
        }

        foreach (var replacement in new byte[] { 0, (byte)' ', (byte)'"', (byte)']', (byte)'[', (byte)'\\', (byte)'=', 0xFF })
        {
            for (var at = 0; at < valid.Length; at++)
            {
                var changed = (byte[])valid.Clone();
                changed[at] = replacement;
                outcomes += Check(changed);
            }
        }

        Assert.Equal(valid.Length + 1 + (8 * valid.Length), outcomes);

        static int Check(byte[] input)
        {
            var result = Rfc5424Parser.Parse(input);
            Assert.True(result.Message is not null ^ result.Problem is not null);
            return 1;
        }
    }
}
