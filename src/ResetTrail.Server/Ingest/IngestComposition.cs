using Microsoft.Extensions.DependencyInjection;

namespace ResetTrail.Server.Ingest;

/// <summary>Real-time ingestion's services: the inbox worker and, on a shared database, what wakes it; the syslog listener when configured.</summary>
public static class IngestComposition
{
    public static IServiceCollection AddResetTrailIngest(this IServiceCollection services, IngestSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<InboxSignal>();
        services.AddHostedService<InboxWorker>();
        services.AddHostedService<Hosting.SharedDatabaseListener>();
        services.AddSingleton<SyslogService>();
        services.AddHostedService(provider => provider.GetRequiredService<SyslogService>());
        return services;
    }
}
