using Microsoft.Extensions.Time.Testing;
using ResetTrail.Server.Detection;

namespace ResetTrail.Server.Tests.Detection;

public sealed class DetectionClockTests
{
    [Fact]
    public async Task A_failing_tick_is_logged_and_the_next_tick_runs()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero));
        var ticks = 0;
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var clock = new DetectionClock(() =>
        {
            if (Interlocked.Increment(ref ticks) == 1)
            {
                throw new InvalidOperationException("database is locked");
            }

            second.TrySetResult();
        }, time);

        await clock.StartAsync(TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!second.Task.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await Task.WhenAny(second.Task, Task.Delay(50, TestContext.Current.CancellationToken));
        }

        Assert.True(second.Task.IsCompleted, "the clock stopped after the failing tick");
        Assert.False(clock.ExecuteTask!.IsFaulted);
        await clock.StopAsync(TestContext.Current.CancellationToken);
    }
}
