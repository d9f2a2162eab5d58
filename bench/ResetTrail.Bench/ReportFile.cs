namespace ResetTrail.Bench;

/// <summary>
/// Writes the report to --out. Everything after <see cref="Marker"/> in an existing file is written by
/// hand (analysis of the misses, suggested fixes) and is carried over, so a re-run refreshes the
/// figures without losing it.
/// </summary>
internal static class ReportFile
{
    public const string Marker = "<!-- Hand-written notes follow. The bench keeps everything below this line when it rewrites the file. -->";

    public static void Write(string path, string markdown, int? only = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var existing = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        var at = existing.IndexOf(Marker, StringComparison.Ordinal);
        var handWritten = at >= 0 ? existing[at..] : Marker + Environment.NewLine;
        if (only is { } number && at > 0)
        {
            markdown = Merge(existing[..at], markdown, number);
        }

        File.WriteAllText(path, markdown + Environment.NewLine + handWritten);
    }

    /// <summary>
    /// An --only run replaces one figure: the existing file keeps its header, the other figures' summary rows and
    /// sections; the fresh run's rows and section for <paramref name="number"/> take the place of the old ones.
    /// </summary>
    internal static string Merge(string existing, string fresh, int number)
    {
        var (head, summary, sections) = Split(existing);
        var (_, freshSummary, freshSections) = Split(fresh);
        var prefix = $"| {number.ToString(System.Globalization.CultureInfo.InvariantCulture)} |";
        var rows = summary.Where(l => !l.StartsWith(prefix, StringComparison.Ordinal))
            .Concat(freshSummary.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)))
            .OrderBy(FigureOf).ToList();
        var merged = sections.Where(s => s.Number != number).Concat(freshSections.Where(s => s.Number == number)).OrderBy(s => s.Number);
        var text = new System.Text.StringBuilder(head);
        text.AppendLine("## Summary").AppendLine();
        text.AppendLine("| # | metric | ours | peer | ratio | goal | met? |").AppendLine("|---|---|---:|---:|---:|---:|---|");
        rows.ForEach(r => text.AppendLine(r));
        foreach (var section in merged)
        {
            text.AppendLine().Append(section.Text.TrimEnd()).AppendLine();
        }

        return text.ToString();
    }

    private static int FigureOf(string row) =>
        int.TryParse(row.Split('|', StringSplitOptions.TrimEntries)[1], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;

    private static (string Head, List<string> Summary, List<(int Number, string Text)> Sections) Split(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var head = new System.Text.StringBuilder();
        var summary = new List<string>();
        var sections = new List<(int Number, string Text)>();
        var state = 0; // 0 head, 1 summary, 2 sections
        foreach (var line in lines)
        {
            if (line.StartsWith("## Summary", StringComparison.Ordinal))
            {
                state = 1;
                continue;
            }

            var dot = line.IndexOf('.', StringComparison.Ordinal);
            if (line.StartsWith("## ", StringComparison.Ordinal) && dot > 3
                && int.TryParse(line[3..dot], System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                state = 2;
                sections.Add((n, string.Empty));
            }

            switch (state)
            {
                case 0:
                    head.Append(line).Append('\n');
                    break;
                case 1 when line.StartsWith("| ", StringComparison.Ordinal) && FigureOf(line) != int.MaxValue:
                    summary.Add(line);
                    break;
                case 2:
                    sections[^1] = (sections[^1].Number, sections[^1].Text + line + "\n");
                    break;
            }
        }

        return (head.ToString(), summary, sections);
    }
}
