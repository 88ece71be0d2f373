using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using PokerTracker.Contracts;

namespace PokerTracker.Clients.Kafka;

public static class KafkaExtensions
{
    /// <summary>
    /// Registers <see cref="KafkaConnection"/> (bootstrap servers from the <c>kafka</c> connection
    /// string; SASL/PLAIN credentials from <c>Kafka:Username</c> and <c>Kafka:Password</c> when the
    /// broker requires them) and a health check named <c>kafka</c>. With <c>Kafka:CreateTopics</c>
    /// (a broker that does not create topics on its own), the product's topics are created in the
    /// background. Nothing here blocks start-up on the broker.
    /// </summary>
    public static TBuilder AddKafka<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var bootstrap = builder.Configuration.RequiredConnectionString(ResourceNames.Kafka);
        var credentials = builder.Configuration["Kafka:Username"] is { Length: > 0 } user
            ? new KafkaCredentials(user, builder.Configuration["Kafka:Password"] ?? "")
            : null;

        builder.Services.AddSingleton(new KafkaConnection(bootstrap, builder.Environment.ApplicationName, credentials));
        if (builder.Configuration.GetValue<bool>("Kafka:CreateTopics"))
        {
            builder.Services.AddHostedService<KafkaTopics>();
        }

        builder.Services.AddSingleton<KafkaHealthCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck<KafkaHealthCheck>(ResourceNames.Kafka, HealthStatus.Unhealthy, timeout: TimeSpan.FromSeconds(5));
        return builder;
    }
}
