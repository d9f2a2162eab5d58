using ResetTrail.Ingestion.Events;

namespace ResetTrail.StoreContract;

/// <summary>Okta password resets of one target, for the event store tests of both backends.</summary>
public static class PasswordResets
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Event <paramref name="id"/>, <paramref name="minutes"/> after <see cref="Start"/>, by <paramref name="actor"/> when given.</summary>
    public static IdentityEvent At(string id, int minutes, string? actor = null) => new()
    {
        Source = "okta",
        SourceEventId = id,
        SourceEventType = "user.account.reset_password",
        Time = Start.AddMinutes(minutes),
        Kind = ChangeKind.PasswordReset,
        Target = new EventParty("00u1", "alice@example.com") { Email = "alice@example.com" },
        Actor = actor is null ? null : new EventParty("00u2", actor),
        ProductName = "Okta System Log",
        VendorName = "Okta",
    };
}
