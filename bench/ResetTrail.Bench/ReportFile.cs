namespace ResetTrail.Bench;

/// <summary>
/// Writes the report to --out. Everything after <see cref="Marker"/> in an existing file is written by
/// hand (analysis of the misses, suggested fixes) and is carried over, so a re-run refreshes the
/// figures without losing it.
/// </summary>
internal static class ReportFile
{
    public const string Marker = "<!-- Hand-written notes follow. The bench keeps everything below this line when it rewrites the file. -->";

    public static void Write(string path, string markdown)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var existing = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        var at = existing.IndexOf(Marker, StringComparison.Ordinal);
        var handWritten = at >= 0 ? existing[at..] : Marker + Environment.NewLine;
        File.WriteAllText(path, markdown + Environment.NewLine + handWritten);
    }
}
