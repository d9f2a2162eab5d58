using System.Text;

namespace ResetTrail.Ingestion.Tickets;

/// <summary>One CSV record: the line it starts on, its fields, or what made it unreadable.</summary>
internal sealed record CsvRow(int Line, IReadOnlyList<string> Fields, string? Error);

/// <summary>
/// RFC 4180 CSV, streamed: quoted fields with embedded delimiters, doubled quotes and line breaks; CRLF, LF or CR;
/// a UTF-8 byte order mark is dropped; blank lines are skipped. A quote inside an unquoted field, text after a
/// closing quote or an unclosed quote makes that record an error, and reading resumes at the next line.
/// </summary>
internal sealed class CsvRecords(TextReader text, char delimiter = ',')
{
    private int line = 1;

    public static CsvRecords Open(Stream input, char delimiter = ',') =>
        new(new StreamReader(input, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true), delimiter);

    public IEnumerable<CsvRow> Rows()
    {
        while (Next() is { } row)
        {
            yield return row;
        }
    }

    private CsvRow? Next()
    {
        while (text.Peek() is '\r' or '\n')
        {
            EndOfLine(text.Read());
        }

        if (text.Peek() < 0)
        {
            return null;
        }

        var startLine = line;
        var fields = new List<string>();
        var field = new StringBuilder();
        string? error = null;
        var quoted = false;
        var wasQuoted = false;
        while (true)
        {
            var c = text.Read();
            if (quoted)
            {
                if (c < 0)
                {
                    return new CsvRow(startLine, fields, $"a quoted field opened on line {startLine} is never closed");
                }

                if (c == '"' && text.Peek() == '"')
                {
                    text.Read();
                    field.Append('"');
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append((char)c);
                    if (c == '\r' && text.Peek() == '\n')
                    {
                        field.Append((char)text.Read());
                    }

                    if (c is '\r' or '\n')
                    {
                        line++;
                    }
                }

                continue;
            }

            if (c < 0 || c == '\r' || c == '\n' || c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                wasQuoted = false;
                if (c != delimiter)
                {
                    if (c >= 0)
                    {
                        EndOfLine(c);
                    }

                    if (startLine == 1 && fields.Count > 0)
                    {
                        fields[0] = fields[0].TrimStart('\uFEFF');
                    }

                    return new CsvRow(startLine, fields, error);
                }
            }
            else if (c == '"' && field.Length == 0 && !wasQuoted)
            {
                quoted = wasQuoted = true;
            }
            else if (wasQuoted || c == '"')
            {
                error ??= wasQuoted
                    ? $"field {fields.Count + 1}: text after a closing quote"
                    : $"field {fields.Count + 1}: a quote inside an unquoted field (quote the whole field and double the quote)";
                field.Append((char)c);
            }
            else
            {
                field.Append((char)c);
            }
        }
    }

    private void EndOfLine(int c)
    {
        if (c == '\r' && text.Peek() == '\n')
        {
            text.Read();
        }

        line++;
    }
}
