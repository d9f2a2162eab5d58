using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ResetTrail.Server.Hosting;

/// <summary>Builds the web application for validated settings and an opened database: what 'resettrail serve' and the tests run.</summary>
public static class ServerHost
{
    public static WebApplication Build(ServerSettings settings, ServerDatabase database, TimeProvider time, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "ResetTrail.Server", ContentRootPath = AppContext.BaseDirectory });
        // Settings come only from ServerSettingsReader (file, RESETTRAIL_*, command line): no appsettings.json or
        // stray environment variable changes the server behind the operator's back.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseUrls(settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.Limits.MaxRequestBodyBytes;
        });
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = settings.Limits.MaxRequestBodyBytes);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (logging is null)
        {
            builder.Logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
                console.UseUtcTimestamp = true;
            });
        }
        else
        {
            logging(builder.Logging);
        }

        builder.Services.AddResetTrailServer(settings, database, time);
        var app = builder.Build();
        app.MapResetTrail();
        return app;
    }

    /// <summary>The addresses Kestrel listens on once started (with the real port when 0 was asked for).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return [.. ((IApplicationBuilder)app).ServerFeatures.Get<IServerAddressesFeature>()?.Addresses ?? []];
    }
}
