namespace ResetTrail.Detection.Alerts;

/// <summary>Alert severities, numbered as OCSF severity_id (1 informational .. 5 critical).</summary>
public enum Severity
{
    Informational = 1,
    Low = 2,
    Medium = 3,
    High = 4,
    Critical = 5,
}
