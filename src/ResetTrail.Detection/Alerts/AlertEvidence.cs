namespace ResetTrail.Detection.Alerts;

/// <summary>One event or case step an alert rests on: where it came from, its id there, its type and time.</summary>
public sealed record AlertEvidence(string Source, string Id, string Type, DateTimeOffset Time);
