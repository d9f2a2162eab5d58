using ResetTrail.Detection.Alerts;

namespace ResetTrail.Detection.Delivery;

/// <summary>
/// A place alerts go (a webhook, a syslog collector). Delivering either completes (the receiver took it) or throws
/// (it did not: the outbox retries later). A sink never decides to drop an alert.
/// </summary>
public interface IAlertSink
{
    /// <summary>A short stable name: the outbox keeps one queue per sink under it.</summary>
    string Name { get; }

    Task DeliverAsync(Alert alert, CancellationToken cancellationToken);
}
