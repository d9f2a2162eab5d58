using ResetTrail.Ingestion.Events;

namespace ResetTrail.Server.Ingest;

/// <summary>Sees every event real-time ingestion stored, in delivery order (detection subscribes here).</summary>
public interface IRealtimeEventObserver
{
    void Observe(IReadOnlyList<IdentityEvent> events);
}
