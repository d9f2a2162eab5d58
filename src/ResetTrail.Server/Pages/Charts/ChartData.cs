namespace ResetTrail.Server.Pages.Charts;

/// <summary>
/// A chart's numbers: categories along the x axis and one or more named series stacked on each. The same data is
/// drawn as SVG and printed as a table, so no reader depends on the picture (or on telling colours apart).
/// </summary>
public sealed record ChartData(string Title, string Description, string CategoryLabel, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>An id for the SVG's title and description elements, from the title.</summary>
    public string Id => "chart-" + string.Concat(Title.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    public long Total(int category) => Series.Sum(s => s.Values[category]);

    public long Max => Categories.Count == 0 ? 0 : Enumerable.Range(0, Categories.Count).Max(Total);
}

public sealed record ChartSeries(string Name, IReadOnlyList<long> Values);
