namespace ResetTrail.Storage.Postgres.Notifications;

/// <summary>
/// The channels on which the shared database announces committed work (ADR 0049): a NOTIFY in the committing
/// transaction, delivered to every listening server when it commits and never when it rolls back.
/// </summary>
public static class PostgresChannels
{
    /// <summary>A delivery was accepted into the inbox, by any server.</summary>
    public const string Inbox = "resettrail_inbox";

    /// <summary>A case step was committed, by any server or the command line.</summary>
    public const string CaseSteps = "resettrail_case_steps";

    /// <summary>The statement that announces on <paramref name="channel"/>, for a committing batch.</summary>
    internal static string Notify(string channel) => "NOTIFY " + channel;
}
