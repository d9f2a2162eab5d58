namespace ResetTrail.Cli.Demo;

/// <summary>What the demo makes of one case: a clean reset, or one of the ways a reset goes wrong.</summary>
internal enum Scenario
{
    Clean,
    FailedThenPassed,
    FailedThenDenied,
    DeniedByPolicy,
    Cancelled,
    Expired,
    ExecutionFailed,
    EmergencyReviewed,
    EmergencyReviewOverdue,
    TasksOverdue,
    NoIdpEvent,
    IdpEventLinkedLater,
    InFlight,
}

internal static class Scenarios
{
    /// <summary>Every outcome the demo promises, placed early enough in the month for the deadlines to have passed.</summary>
    public static IReadOnlyList<Scenario> EachAtLeastOnce { get; } =
    [
        Scenario.Clean, Scenario.FailedThenPassed, Scenario.FailedThenDenied, Scenario.DeniedByPolicy, Scenario.Cancelled, Scenario.Expired,
        Scenario.ExecutionFailed, Scenario.EmergencyReviewed, Scenario.EmergencyReviewOverdue, Scenario.TasksOverdue, Scenario.NoIdpEvent,
        Scenario.IdpEventLinkedLater,
    ];

    /// <summary>A month at a desk: most resets go through cleanly.</summary>
    public static IReadOnlyList<(Scenario Item, int Weight)> Weights { get; } =
    [
        (Scenario.Clean, 56), (Scenario.FailedThenPassed, 8), (Scenario.FailedThenDenied, 3), (Scenario.DeniedByPolicy, 4), (Scenario.Cancelled, 5),
        (Scenario.Expired, 4), (Scenario.ExecutionFailed, 3), (Scenario.EmergencyReviewed, 3), (Scenario.EmergencyReviewOverdue, 1),
        (Scenario.TasksOverdue, 4), (Scenario.NoIdpEvent, 3), (Scenario.IdpEventLinkedLater, 6),
    ];

    public static bool Executes(this Scenario scenario) => scenario is Scenario.Clean or Scenario.FailedThenPassed or Scenario.ExecutionFailed
        or Scenario.EmergencyReviewed or Scenario.EmergencyReviewOverdue or Scenario.TasksOverdue or Scenario.NoIdpEvent or Scenario.IdpEventLinkedLater;

    public static bool Emergency(this Scenario scenario) => scenario is Scenario.EmergencyReviewed or Scenario.EmergencyReviewOverdue;

    public static bool FailsFirst(this Scenario scenario) => scenario is Scenario.FailedThenPassed or Scenario.FailedThenDenied;
}
