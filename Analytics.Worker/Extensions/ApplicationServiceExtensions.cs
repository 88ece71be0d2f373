using PokerTracker.Analytics.Ingestion;
using PokerTracker.Analytics.Schema;
using PokerTracker.Clients.ClickHouse;
using PokerTracker.Clients.Kafka;
using PokerTracker.Clients.Redis;

namespace PokerTracker.Analytics.Extensions;

internal static class ApplicationServiceExtensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddKafka();
        builder.AddClickHouse();
        builder.AddRedis();
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<SessionStates>();
        services.AddSingleton<DeadLetters>();
        services.AddSingleton<AnalyticsMetrics>();
        services.AddHostedService<AnalyticsWorker>();
        services.AddHostedService<TrainingIngestion>();
        services.AddHostedService<HandIngestion>();
        services.AddHostedService<AccountPurger>();
        services.AddHealthChecks().AddCheck<LagHealthCheck>("lag");
        return builder;
    }
}
