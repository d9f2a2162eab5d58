namespace ResetTrail.Cli.Console;

/// <summary>A one-line progress bar on standard error for long work; silent when nobody watches.</summary>
internal sealed class ProgressBar(CliIO io, string label, ulong total) : IProgress<ulong>, IDisposable
{
    private const int Width = 30;
    private bool drawn;

    public void Report(ulong value)
    {
        if (!io.ShowsProgress || total == 0)
        {
            return;
        }

        var fraction = Math.Min(1.0, (double)value / total);
        var filled = (int)(fraction * Width);
        io.Error.Write($"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {value}/{total}");
        drawn = true;
    }

    public void Dispose()
    {
        if (drawn)
        {
            io.Error.Write("\r" + new string(' ', label.Length + Width + 45) + "\r");
        }
    }
}
