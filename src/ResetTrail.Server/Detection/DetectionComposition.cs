using Microsoft.Extensions.DependencyInjection;
using ResetTrail.Detection.Delivery;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Ingest;

namespace ResetTrail.Server.Detection;

/// <summary>Detection's services when a sink is configured: the detector (an inbox observer), its clock, its listener for case steps, the outbox and its dispatcher.</summary>
public static class DetectionComposition
{
    public static IServiceCollection AddResetTrailDetection(this IServiceCollection services, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var detection = settings.Detection;
        if (!detection.Enabled)
        {
            return services;
        }

        services.AddSingleton(detection);
        services.AddSingleton(provider => provider.GetRequiredService<ServerDatabase>().OpenAlertOutbox(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IReadOnlyList<IAlertSink>>(provider => Sinks(detection, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new OutboxDispatcher(
            provider.GetRequiredService<IAlertOutbox>(), provider.GetRequiredService<IReadOnlyList<IAlertSink>>(), provider.GetRequiredService<TimeProvider>(), Backoff.Default));
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<RealtimeDetector>(
            provider, (IReadOnlyList<string>)[.. provider.GetRequiredService<IReadOnlyList<IAlertSink>>().Select(s => s.Name)]));
        services.AddSingleton<IRealtimeEventObserver>(provider => provider.GetRequiredService<RealtimeDetector>());
        services.AddHostedService<DetectionClock>();
        services.AddHostedService<CaseStepListener>();
        services.AddHostedService<AlertDeliveryService>();
        return services;
    }

    private static List<IAlertSink> Sinks(DetectionSettings detection, TimeProvider time)
    {
        var sinks = new List<IAlertSink>();
        if (detection.WebhookUrl is { } url)
        {
#pragma warning disable CA2000 // The client lives as long as the sink, which lives as long as the server.
            sinks.Add(new WebhookSink("webhook", url, detection.WebhookSecret!, new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, time));
#pragma warning restore CA2000
        }

        if (detection.SyslogTarget is { } target)
        {
            sinks.Add(new SyslogSink("syslog", target.Host, target.Port, target.Scheme == "udp", Environment.MachineName));
        }

        if (detection.OcsfFile is { } file)
        {
            sinks.Add(new OcsfFileSink(file));
        }

        return sinks;
    }
}
