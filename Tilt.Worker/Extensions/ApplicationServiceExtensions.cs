using PokerTracker.Clients.Kafka;
using PokerTracker.Clients.Redis;
using PokerTracker.Tilt.Assessment;

namespace PokerTracker.Tilt.Extensions;

internal static class ApplicationServiceExtensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddRedis();
        builder.AddKafka();
        var services = builder.Services;
        services.AddOptions<TiltOptions>().BindConfiguration(TiltOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TiltModel>();
        services.AddSingleton<TiltMetrics>();
        services.AddSingleton<TiltAssessor>();
        services.AddSingleton<TiltStore>();
        services.AddSingleton<AlertPublisher>();
        services.AddSingleton<SessionAssessment>();
        services.AddHostedService<TiltWorker>();
        services.AddHostedService<GuardSweep>();
        services.AddHealthChecks().AddCheck<ModelHealthCheck>("model");
        return builder;
    }
}
