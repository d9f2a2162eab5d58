namespace ResetTrail.Ingestion.Sources.Windows;

/// <summary>One Security event as read from XML or JSON, before mapping: the System fields and the EventData pairs.</summary>
internal sealed record WindowsRecord(
    string Location,
    int? EventId,
    string? RecordId,
    string? Computer,
    DateTimeOffset? Time,
    IReadOnlyDictionary<string, string> Data)
{
    /// <summary>An EventData value, or null when absent, "-" or "%%1793" (Windows' "&lt;value not set&gt;").</summary>
    public string? Value(string name) =>
        Data.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) && v.Trim() is not ("-" or "%%1793") ? v.Trim() : null;
}
