using System.Diagnostics;

namespace ResetTrail.Bench.Harness;

/// <summary>Plain Stopwatch loops: run a step until a time window is used up and report operations per second.</summary>
internal static class Timed
{
    /// <summary>
    /// Calls <paramref name="step"/> (which returns how many operations it did) until
    /// <paramref name="window"/> has passed, at least once.
    /// </summary>
    public static double Rate(TimeSpan window, Func<long> step)
    {
        long done = 0;
        var start = Stopwatch.GetTimestamp();
        TimeSpan elapsed;
        do
        {
            done += step();
            elapsed = Stopwatch.GetElapsedTime(start);
        }
        while (elapsed < window);

        return done / elapsed.TotalSeconds;
    }

    /// <summary>Runs <paramref name="count"/> operations once and reports operations per second.</summary>
    public static double Rate(long count, Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return count / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    public static TimeSpan Duration(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start);
    }
}
