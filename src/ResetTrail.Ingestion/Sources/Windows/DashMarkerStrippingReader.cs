namespace ResetTrail.Ingestion.Sources.Windows;

/// <summary>
/// Strips the "- " collapse markers that Microsoft's rendered event pages (and copies of them) put before
/// elements ("- &lt;Event ...", "- &lt;System&gt;"), line by line so XmlReader's line numbers stay right.
/// </summary>
internal sealed class DashMarkerStrippingReader(TextReader inner) : TextReader
{
    private string _line = string.Empty;
    private int _position;

    public override int Peek() => Fill() ? _line[_position] : -1;

    public override int Read() => Fill() ? _line[_position++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || !Fill())
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, _line.Length - _position);
        _line.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool Fill()
    {
        while (_position >= _line.Length)
        {
            if (inner.ReadLine() is not { } next)
            {
                return false;
            }

            var trimmed = next.TrimStart();
            _line = (trimmed.StartsWith("- <", StringComparison.Ordinal) ? trimmed[2..] : next) + "\n";
            _position = 0;
        }

        return true;
    }
}
