using Microsoft.Extensions.Hosting;

namespace ResetTrail.Server.Detection;

/// <summary>Moves the detector's time on while input is idle, so windows close and absence rules decide.</summary>
internal sealed class DetectionClock(RealtimeDetector detector, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        try
        {
            do
            {
                detector.Tick();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
