using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ResetTrail.Core;
using ResetTrail.Core.Access;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Tokens;

namespace ResetTrail.Server.Tests;

/// <summary>
/// The real server: Kestrel on a free loopback port, a real SQLite file in a temporary folder, real API tokens.
/// Everything it logs is captured, so tests can prove what never reaches the log.
/// </summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ServerDatabase database;

    private RunningServer(string folder, ServerDatabase database, WebApplication app, FakeTimeProvider time, CapturedLog log)
    {
        Folder = folder;
        this.database = database;
        this.app = app;
        Time = time;
        Log = log;
        Address = new Uri(ServerHost.Addresses(app).Single());
    }

    public string Folder { get; }

    public Uri Address { get; }

    public FakeTimeProvider Time { get; }

    public CapturedLog Log { get; }

    public ServerDatabase Database => database;

    public IServiceProvider Services => app.Services;

    public static async Task<RunningServer> StartAsync(Func<ServerSettings, ServerSettings>? configure = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "resettrail-server-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var settings = new ServerSettings { Db = Path.Combine(folder, "server.db"), Urls = "http://127.0.0.1:0", Origin = "test.example/log" };
        settings = configure?.Invoke(settings) ?? settings;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        var database = ServerDatabase.OpenOrCreate(settings, time).Value;
        var log = new CapturedLog();
        var app = ServerHost.Build(settings, database, time, logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddFilter("Microsoft.AspNetCore", LogLevel.Trace);
            logging.AddProvider(log);
        });
        await app.StartAsync();
        return new RunningServer(folder, database, app, time, log);
    }

    /// <summary>A client that sends a fresh API token holding <paramref name="roles"/>, under <paramref name="name"/>.</summary>
    public HttpClient ClientAs(string name, params Role[] roles)
    {
        var issued = new TokenIssuer(database.Tokens, Time).Create(name, [.. roles.Select(r => WireName.Of(r))], null, "test");
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Value.Secret.Value);
        return client;
    }

    public string TokenFor(string name, params Role[] roles) =>
        new TokenIssuer(database.Tokens, Time).Create(name, [.. roles.Select(r => WireName.Of(r))], null, "test").Value.Secret.Value;

    public HttpClient Anonymous() => new() { BaseAddress = Address };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS is left for the temp folder's own cleanup.
        }
    }
}

/// <summary>Every log line the server writes, at every level, with the wall-clock time it was written.</summary>
internal sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> lines = new();

    public string Text => string.Join('\n', lines.Select(l => l.Line));

    /// <summary>
    /// What a failed browser test needs to tell a slow server from a stuck browser: each request's start and finish
    /// (with its duration) and every warning or error, stamped with the real time.
    /// </summary>
    public IEnumerable<string> Timeline =>
        lines.Where(l => l.Level is >= LogLevel.Warning and < LogLevel.None
                || (l.Level == LogLevel.Information && l.Category == "Microsoft.AspNetCore.Hosting.Diagnostics"))
            .Select(l => $"{l.At:HH:mm:ss.fff} {l.Level} {l.Message}");

    /// <summary>
    /// True when the server finished every request it started and logged no error: then a browser that stopped waiting
    /// was not waiting for this server.
    /// </summary>
    public bool AnsweredEverything =>
        lines.Count(l => l.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && l.Message.StartsWith("Request starting", StringComparison.Ordinal))
            == lines.Count(l => l.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && l.Message.StartsWith("Request finished", StringComparison.Ordinal))
        && !lines.Any(l => l.Level is LogLevel.Error or LogLevel.Critical);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue(new Entry(DateTime.UtcNow, LogLevel.None, category, string.Empty, $"{category} scope: {state}"));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            var message = formatter(state, exception);
            lines.Enqueue(new Entry(DateTime.UtcNow, logLevel, category, message, $"{logLevel} {category} {message} {structured} {exception}"));
        }
    }

    private sealed record Entry(DateTime At, LogLevel Level, string Category, string Message, string Line);
}
