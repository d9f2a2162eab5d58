using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ResetTrail.Server.Detection;

/// <summary>
/// Moves the detector's time on while input is idle, so windows close and absence rules decide. A tick that fails
/// (the database unreachable for a moment) is logged and the next tick tries again: it never stops the server.
/// </summary>
internal sealed partial class DetectionClock : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    private readonly Action tick;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    public DetectionClock(RealtimeDetector detector, TimeProvider time, ILogger<DetectionClock> logger)
        : this(detector.Tick, time, logger)
    {
    }

    internal DetectionClock(Action tick, TimeProvider time, ILogger? logger = null)
    {
        this.tick = tick;
        this.time = time;
        this.logger = logger ?? NullLogger.Instance;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        try
        {
            do
            {
                try
                {
                    tick();
                }
#pragma warning disable CA1031 // A store that fails now must not stop the server: the next tick reads what this one could not.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogTickFailed(logger, e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 3305, Level = LogLevel.Error, Message = "detection: the clock tick failed; trying again at the next tick: {Reason}")]
    private static partial void LogTickFailed(ILogger logger, string reason);
}
