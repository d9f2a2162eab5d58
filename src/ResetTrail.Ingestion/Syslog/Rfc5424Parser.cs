using System.Globalization;
using System.Text;

namespace ResetTrail.Ingestion.Syslog;

/// <summary>
/// Parses RFC 5424 syslog messages strictly: a message that breaks the grammar is refused with the reason and the
/// byte offset, never guessed at, because the fields decide which events are read from it. Hostile input is
/// bounded by the framing (see <see cref="SyslogFraming"/>); the parser itself never allocates more than the message.
/// </summary>
public static class Rfc5424Parser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static SyslogParse Parse(ReadOnlySpan<byte> bytes)
    {
        var reader = new Cursor(bytes);
        if (!reader.Take((byte)'<'))
        {
            return reader.Fail("a message starts with '<' and its priority (RFC 5424 PRI)");
        }

        var pri = reader.Digits(3);
        if (pri is null || pri > 191 || !reader.Take((byte)'>'))
        {
            return reader.Fail("the priority is a number from 0 to 191 followed by '>'");
        }

        var version = reader.Digits(3);
        if (version != 1)
        {
            return reader.Fail(version is null ? "the version must follow the priority" : $"version {version} is not RFC 5424's version 1");
        }

        if (!reader.Space())
        {
            return reader.Fail("a space must follow the version");
        }

        var stampAt = reader.Position;
        var stamp = reader.Token(64);
        DateTimeOffset? timestamp = null;
        if (stamp is null || !reader.Space())
        {
            return reader.Fail("the timestamp must be followed by a space");
        }

        if (stamp != "-")
        {
            if (!TryTimestamp(stamp, out var parsed))
            {
                return Cursor.FailAt(stampAt, $"'{stamp}' is not an RFC 3339 timestamp with a time zone (e.g. 2026-11-27T09:30:00.123Z)");
            }

            timestamp = parsed;
        }

        var host = reader.Field(255, "hostname");
        var app = host.Ok ? reader.Field(48, "app-name") : host;
        var proc = app.Ok ? reader.Field(128, "procid") : app;
        var msgId = proc.Ok ? reader.Field(32, "msgid") : proc;
        if (!msgId.Ok)
        {
            return reader.Fail(msgId.Error!);
        }

        var structured = new List<StructuredDataElement>();
        if (reader.Take((byte)'-'))
        {
            // NILVALUE: no structured data.
        }
        else if (reader.Peek() == '[')
        {
            while (reader.Peek() == '[')
            {
                var element = reader.Element();
                if (element is null)
                {
                    return reader.Fail(reader.Problem ?? "malformed structured data");
                }

                structured.Add(element);
            }
        }
        else
        {
            return reader.Fail("structured data is '-' or one or more [elements]");
        }

        var message = string.Empty;
        if (!reader.AtEnd)
        {
            if (!reader.Space())
            {
                return reader.Fail("a space must separate the structured data from the message");
            }

            var rest = reader.Rest();
            if (rest.StartsWith("\uFEFF"u8))
            {
                try
                {
                    message = StrictUtf8.GetString(rest[3..]);
                }
                catch (DecoderFallbackException)
                {
                    return reader.Fail("the message starts with a UTF-8 byte-order mark but is not valid UTF-8");
                }
            }
            else
            {
                // MSG-ANY: no promise of an encoding; bytes that are not UTF-8 become U+FFFD.
                message = Encoding.UTF8.GetString(rest);
            }
        }

        return new SyslogParse(
            new SyslogMessage(pri.Value / 8, pri.Value % 8, timestamp, host.Value, app.Value, proc.Value, msgId.Value, structured, message.TrimEnd('\n', '\r')),
            null);
    }

    private static bool TryTimestamp(string text, out DateTimeOffset value)
    {
        // RFC 5424 6.2.3: RFC 3339 with an upper-case T and Z, at most six fractional digits, a zone always given.
        value = default;
        var t = text.IndexOf('T', StringComparison.Ordinal);
        var fraction = text.IndexOf('.', StringComparison.Ordinal);
        if (t != 10 || text.Contains('t', StringComparison.Ordinal) || text.EndsWith('z'))
        {
            return false;
        }

        if (fraction >= 0)
        {
            var digits = 0;
            while (fraction + 1 + digits < text.Length && char.IsAsciiDigit(text[fraction + 1 + digits]))
            {
                digits++;
            }

            if (digits is 0 or > 6)
            {
                return false;
            }
        }

        var hasZone = text.EndsWith('Z') || (text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':');
        return hasZone && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>Reads the grammar left to right; <see cref="Problem"/> says what broke and where.</summary>
    private ref struct Cursor(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> bytes = bytes;
        private int position;

        public string? Problem { get; private set; }

        public readonly bool AtEnd => position >= bytes.Length;

        public readonly int Peek() => AtEnd ? -1 : bytes[position];

        public readonly ReadOnlySpan<byte> Rest() => bytes[position..];

        public bool Take(byte b)
        {
            if (Peek() != b)
            {
                return false;
            }

            position++;
            return true;
        }

        public bool Space() => Take((byte)' ');

        public int? Digits(int max)
        {
            var value = 0;
            var count = 0;
            while (count < max && Peek() is >= '0' and <= '9')
            {
                value = (value * 10) + (bytes[position++] - '0');
                count++;
            }

            // No leading zeros except the number 0 itself (RFC 5424 PRIVAL and VERSION).
            return count == 0 || (count > 1 && bytes[position - count] == '0') ? null : value;
        }

        /// <summary>Printable US-ASCII up to the next space, at most <paramref name="max"/> bytes.</summary>
        public string? Token(int max)
        {
            var start = position;
            while (Peek() is > 32 and < 127)
            {
                if (position - start == max)
                {
                    return null;
                }

                position++;
            }

            return position == start ? null : Encoding.ASCII.GetString(bytes[start..position]);
        }

        public (bool Ok, string? Value, string? Error) Field(int max, string name)
        {
            var token = Token(max);
            if (token is null || !Space())
            {
                return (false, null, $"the {name} is 1 to {max} printable ASCII characters (or '-') followed by a space");
            }

            return (true, token == "-" ? null : token, null);
        }

        public StructuredDataElement? Element()
        {
            position++; // '['
            var id = Name(32);
            if (id is null)
            {
                Problem = "an SD-ID is 1 to 32 printable ASCII characters other than '=', ']', '\"' and space";
                return null;
            }

            var parameters = new List<KeyValuePair<string, string>>();
            while (Space())
            {
                var name = Name(32);
                if (name is null || !Take((byte)'=') || !Take((byte)'"'))
                {
                    Problem = $"a parameter of [{id}] is NAME=\"value\"";
                    return null;
                }

                var value = new StringBuilder();
                var start = position;
                while (true)
                {
                    if (AtEnd)
                    {
                        Problem = $"the value of {id}.{name} has no closing quote";
                        return null;
                    }

                    var b = bytes[position];
                    if (b == '"')
                    {
                        break;
                    }

                    if (b == '\\' && position + 1 < bytes.Length && bytes[position + 1] is (byte)'"' or (byte)'\\' or (byte)']')
                    {
                        value.Append(Encoding.UTF8.GetString(bytes[start..position]));
                        position++;
                        start = position;
                    }

                    position++;
                }

                value.Append(Encoding.UTF8.GetString(bytes[start..position]));
                position++; // closing quote
                parameters.Add(new(name, value.ToString()));
            }

            if (!Take((byte)']'))
            {
                Problem = $"[{id}] is not closed by ']'";
                return null;
            }

            return new StructuredDataElement(id, parameters);
        }

        public readonly int Position => position;

        public readonly SyslogParse Fail(string why) => FailAt(position, why);

        public static SyslogParse FailAt(int at, string why) => new(null, $"byte {at + 1}: {why}");

        private string? Name(int max)
        {
            var start = position;
            while (Peek() is > 32 and < 127 and not '=' and not ']' and not '"')
            {
                if (position - start == max)
                {
                    return null;
                }

                position++;
            }

            return position == start ? null : Encoding.ASCII.GetString(bytes[start..position]);
        }
    }
}

/// <summary>A parsed message, or why the bytes are not one.</summary>
public readonly record struct SyslogParse(SyslogMessage? Message, string? Problem);
