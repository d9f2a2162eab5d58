namespace ResetTrail.Bench;

/// <summary>One row of a figure's table: our number, the peer's from the same run, and the goal on their ratio.</summary>
internal sealed record FigureRow(string Metric, string Ours, string Peer, double? Ratio, double? Goal)
{
    public bool? Met => Ratio is { } r && Goal is { } g ? r >= g : null;
}

/// <summary>A numbered figure: what was measured, against which peer, and how.</summary>
internal sealed record Figure(int Number, string Title, string Peer, IReadOnlyList<FigureRow> Rows, IReadOnlyList<string> Notes);
