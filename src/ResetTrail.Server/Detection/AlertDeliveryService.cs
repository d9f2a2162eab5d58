using Microsoft.Extensions.Hosting;
using ResetTrail.Detection.Delivery;

namespace ResetTrail.Server.Detection;

/// <summary>Runs the outbox dispatcher for the server's life: one loop per sink, each with its own retries and backoff.</summary>
internal sealed class AlertDeliveryService(OutboxDispatcher dispatcher) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => dispatcher.RunAsync(stoppingToken);
}
