using Npgsql;

namespace ResetTrail.Storage.Postgres.Notifications;

/// <summary>
/// Listens on <see cref="PostgresChannels"/> over a connection of its own and reports each notification's channel.
/// After every (re)connection each channel is reported once, so work announced while nobody listened is looked at
/// too. A connection that breaks is noticed by a ping after a quiet minute at most, reported, and opened again after
/// a pause; listening never stops the caller.
/// </summary>
public sealed class PostgresListener(NpgsqlDataSource dataSource)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(5);

    /// <summary>Listens until <paramref name="cancel"/>: <paramref name="notified"/> gets each channel announced, <paramref name="failed"/> each broken connection.</summary>
    public async Task ListenAsync(IReadOnlyList<string> channels, Action<string> notified, Action<Exception> failed, TimeProvider time, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(notified);
        ArgumentNullException.ThrowIfNull(failed);
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancel).ConfigureAwait(false);
                connection.Notification += (_, e) => notified(e.Channel);
                foreach (var channel in channels)
                {
                    await using var listen = new NpgsqlCommand("LISTEN " + channel, connection);
                    await listen.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
                }

                foreach (var channel in channels)
                {
                    notified(channel);
                }

                while (true)
                {
                    if (!await connection.WaitAsync(Quiet, cancel).ConfigureAwait(false))
                    {
                        // Quiet for a while: make sure the connection is still there (a dead peer sends no notifications).
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(cancel).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException or TimeoutException)
            {
                failed(e);
            }

            try
            {
                await Task.Delay(Pause, time, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
