using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ResetTrail.Server.Cases;
using ResetTrail.Server.Ingest;
using ResetTrail.Storage.Postgres.Notifications;

namespace ResetTrail.Server.Hosting;

/// <summary>
/// On a shared PostgreSQL database, turns the other servers' announcements into this server's own wake-ups (ADR 0049):
/// a delivery accepted anywhere wakes the inbox worker, a case step committed anywhere (or by the command line) wakes
/// the case-step listener, so the leading server evaluates them at once instead of at its next poll. The polls stay,
/// as the fallback while the listening connection is down. Nothing to do on SQLite.
/// </summary>
internal sealed partial class SharedDatabaseListener(
    ServerDatabase database, InboxSignal inbox, CaseStepSignal steps, TimeProvider time, ILogger<SharedDatabaseListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        database.Listener is { } listener
            ? listener.ListenAsync([PostgresChannels.Inbox, PostgresChannels.CaseSteps], Notified, e => LogListenFailed(logger, e.Message), time, stoppingToken)
            : Task.CompletedTask;

    private void Notified(string channel)
    {
        switch (channel)
        {
            case PostgresChannels.Inbox:
                inbox.Pulse();
                break;
            case PostgresChannels.CaseSteps:
                steps.Committed();
                break;
        }
    }

    [LoggerMessage(EventId = 3211, Level = LogLevel.Warning, Message = "the shared database's announcements are not heard; falling back to polling and listening again shortly: {Reason}")]
    private static partial void LogListenFailed(ILogger logger, string reason);
}
