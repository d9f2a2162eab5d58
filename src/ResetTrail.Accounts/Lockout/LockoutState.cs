namespace ResetTrail.Accounts.Lockout;

/// <summary>
/// An account's failed attempts: how many since <see cref="WindowStart"/>, how many locks since the last successful
/// sign-in, and until when it is locked. A pure value; the store keeps it with the account.
/// </summary>
public sealed record LockoutState(int Failures, DateTimeOffset? WindowStart, int Locks, DateTimeOffset? LockedUntil)
{
    public static LockoutState None { get; } = new(0, null, 0, null);

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>The state after one more failure at <paramref name="now"/>; locks when the window's count is reached.</summary>
    public LockoutState AfterFailure(DateTimeOffset now, LockoutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inWindow = WindowStart is { } start && now - start < options.Window;
        var failures = inWindow ? Failures + 1 : 1;
        var windowStart = inWindow ? WindowStart : now;
        if (failures < options.MaxFailures)
        {
            return this with { Failures = failures, WindowStart = windowStart };
        }

        var locks = Locks + 1;
        return new LockoutState(0, null, locks, now + LockPeriod(locks, options));
    }

    /// <summary>A completed sign-in forgets failures and past locks.</summary>
    public static LockoutState AfterSuccess() => None;

    private static TimeSpan LockPeriod(int locks, LockoutOptions options)
    {
        var period = options.FirstLock;
        for (var i = 1; i < locks && period < options.LongestLock; i++)
        {
            period += period;
        }

        return period < options.LongestLock ? period : options.LongestLock;
    }
}
