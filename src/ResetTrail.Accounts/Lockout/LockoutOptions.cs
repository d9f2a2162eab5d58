namespace ResetTrail.Accounts.Lockout;

/// <summary>
/// After <see cref="MaxFailures"/> failed attempts within <see cref="Window"/> the account locks for
/// <see cref="FirstLock"/>; each further lock before a successful sign-in doubles the period, up to
/// <see cref="LongestLock"/>. Defaults follow OWASP's Authentication Cheat Sheet: few attempts, growing delay,
/// no permanent lock an attacker could use to deny service.
/// </summary>
public sealed record LockoutOptions
{
    public int MaxFailures { get; init; } = 5;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    public TimeSpan FirstLock { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan LongestLock { get; init; } = TimeSpan.FromHours(24);

    /// <summary>A sentence naming the first bad setting, or null.</summary>
    public string? Problem() =>
        MaxFailures < 1 ? "lockout MaxFailures must be at least 1"
        : Window <= TimeSpan.Zero ? "lockout Window must be positive"
        : FirstLock <= TimeSpan.Zero ? "lockout FirstLock must be positive"
        : LongestLock < FirstLock ? "lockout LongestLock must not be shorter than FirstLock"
        : null;
}
