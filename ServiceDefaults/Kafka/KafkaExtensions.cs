using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using PokerTracker.Contracts;

namespace PokerTracker.ServiceDefaults.Kafka;

public static class KafkaExtensions
{
    /// <summary>
    /// Registers <see cref="KafkaConnection"/> (bootstrap servers from the <c>kafka</c> connection
    /// string) and a health check named <c>kafka</c>. Nothing here blocks start-up on the broker.
    /// </summary>
    public static TBuilder AddKafka<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var bootstrap = builder.Configuration.RequiredConnectionString(ResourceNames.Kafka);

        builder.Services.AddSingleton(new KafkaConnection(bootstrap, builder.Environment.ApplicationName));
        builder.Services.AddSingleton<KafkaHealthCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck<KafkaHealthCheck>(ResourceNames.Kafka, HealthStatus.Unhealthy, timeout: TimeSpan.FromSeconds(5));
        return builder;
    }
}
