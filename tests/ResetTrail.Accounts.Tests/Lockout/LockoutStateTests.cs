using ResetTrail.Accounts.Lockout;

namespace ResetTrail.Accounts.Tests.Lockout;

public sealed class LockoutStateTests
{
    private static readonly LockoutOptions Options = new() { MaxFailures = 3, Window = TimeSpan.FromMinutes(10), FirstLock = TimeSpan.FromMinutes(5), LongestLock = TimeSpan.FromMinutes(30) };
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Locks_after_the_maximum_failures_within_the_window()
    {
        var state = LockoutState.None.AfterFailure(Start, Options).AfterFailure(Start.AddMinutes(1), Options);
        Assert.False(state.IsLockedAt(Start.AddMinutes(1)));

        state = state.AfterFailure(Start.AddMinutes(2), Options);

        Assert.True(state.IsLockedAt(Start.AddMinutes(2)));
        Assert.Equal(Start.AddMinutes(7), state.LockedUntil);
        Assert.False(state.IsLockedAt(Start.AddMinutes(7)));
    }

    [Fact]
    public void Failures_outside_the_window_start_a_new_count()
    {
        var state = LockoutState.None.AfterFailure(Start, Options).AfterFailure(Start.AddMinutes(1), Options)
            .AfterFailure(Start.AddMinutes(11), Options);

        Assert.False(state.IsLockedAt(Start.AddMinutes(11)));
        Assert.Equal(1, state.Failures);
    }

    [Fact]
    public void Each_further_lock_doubles_up_to_the_longest()
    {
        var now = Start;
        var periods = new List<TimeSpan>();
        var state = LockoutState.None;
        for (var lockNumber = 0; lockNumber < 4; lockNumber++)
        {
            for (var i = 0; i < Options.MaxFailures; i++)
            {
                state = state.AfterFailure(now, Options);
            }

            periods.Add(state.LockedUntil!.Value - now);
            now = state.LockedUntil!.Value;
        }

        Assert.Equal([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(30)], periods);
        Assert.Equal(LockoutState.None, LockoutState.AfterSuccess());
    }

    [Fact]
    public void Bad_options_are_named() =>
        Assert.Equal("lockout MaxFailures must be at least 1", (Options with { MaxFailures = 0 }).Problem());
}
