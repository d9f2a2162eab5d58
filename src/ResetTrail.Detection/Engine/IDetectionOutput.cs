using ResetTrail.Detection.Alerts;

namespace ResetTrail.Detection.Engine;

/// <summary>Where the engine puts what it finds: alerts, and events that came later than the allowed lateness.</summary>
public interface IDetectionOutput
{
    void Alert(Alert alert);

    /// <summary>An event older than the watermark: counted and reported, never silently dropped.</summary>
    void Late(Observation observation, DateTimeOffset watermark);
}
