using ResetTrail.Detection.Alerts;

namespace ResetTrail.Detection.Tests.Delivery;

/// <summary>Alerts for delivery tests, raised by the engine itself from a shared sample (a temporary access pass).</summary>
internal static class AlertSamples
{
    public static Alert One(int minute = 0) =>
        Detect.Rule("RT-D009", [PublishedRuleTests.Tap(Samples.T0.AddMinutes(minute))]).Single();

    public static List<Alert> Many(int count) => [.. Enumerable.Range(0, count).Select(i => One(i * 20))];
}
