using ResetTrail.Detection.Alerts;

namespace ResetTrail.Detection.Engine;

/// <summary>An output that keeps everything in lists (tests, small runs).</summary>
public sealed class CollectingOutput : IDetectionOutput
{
    public List<Alert> Alerts { get; } = [];

    public List<(Observation Observation, DateTimeOffset Watermark)> LateEvents { get; } = [];

    public void Alert(Alert alert) => Alerts.Add(alert);

    public void Late(Observation observation, DateTimeOffset watermark) => LateEvents.Add((observation, watermark));
}
