namespace ResetTrail.Ingestion.Sources;

/// <summary>A record that could not be read: where (file:line or file#record) and what was wrong.</summary>
public sealed record RecordProblem(string Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
