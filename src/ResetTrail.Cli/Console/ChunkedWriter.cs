using System.Text;

namespace ResetTrail.Cli.Console;

/// <summary>
/// Collects lines and hands them to the underlying writer in chunks of about 64 KB: standard output flushes on
/// every write, which costs one system call a line when a command writes hundreds of thousands of them.
/// Flush or dispose it to write the rest.
/// </summary>
internal sealed class ChunkedWriter(TextWriter inner) : TextWriter
{
    private const int ChunkChars = 32 * 1024;

    private readonly StringBuilder pending = new(ChunkChars + 4096);

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        pending.Append(value);
        Spill();
    }

    public override void Write(string? value)
    {
        pending.Append(value);
        Spill();
    }

    public override void WriteLine(string? value)
    {
        pending.Append(value).Append(CoreNewLine);
        Spill();
    }

    public override void Flush()
    {
        if (pending.Length > 0)
        {
            inner.Write(pending.ToString());
            pending.Clear();
        }

        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void Spill()
    {
        if (pending.Length >= ChunkChars)
        {
            inner.Write(pending.ToString());
            pending.Clear();
        }
    }
}
