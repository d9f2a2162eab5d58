using Microsoft.Extensions.DependencyInjection;

namespace ResetTrail.Server.Ingest;

/// <summary>Real-time ingestion's services: the inbox worker always, the syslog listener when configured.</summary>
public static class IngestComposition
{
    public static IServiceCollection AddResetTrailIngest(this IServiceCollection services, IngestSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<InboxSignal>();
        services.AddHostedService<InboxWorker>();
        services.AddSingleton<SyslogService>();
        services.AddHostedService(provider => provider.GetRequiredService<SyslogService>());
        return services;
    }
}
