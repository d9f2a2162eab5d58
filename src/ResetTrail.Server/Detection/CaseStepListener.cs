using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ResetTrail.Server.Cases;

namespace ResetTrail.Server.Detection;

/// <summary>
/// Hands the case steps this server commits to the detector as soon as the endpoints announce them
/// (<see cref="CaseStepSignal"/>), on this background loop and under the detector's lock: the request that committed the
/// step has already been answered, and slow detection delays only this loop. Steps announced while a read runs are
/// read by the next one.
/// </summary>
internal sealed partial class CaseStepListener(RealtimeDetector detector, CaseStepSignal steps, TimeProvider time, ILogger<CaseStepListener> logger) : BackgroundService
{
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before reading, so a step committed during the read wakes the loop again.
            var next = steps.Next;
            try
            {
                if (detector.CaseStepsPending)
                {
                    detector.ReadCaseSteps();
                }

                await next.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A store that fails now must not stop the loop: the steps stay pending and the clock's poll reads them too.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogReadFailed(logger, e.Message);
                await Task.Delay(Backoff, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 3304, Level = LogLevel.Error, Message = "detection: the committed case steps could not be read; retrying: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string reason);
}
