using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using PokerTracker.Contracts;
using StackExchange.Redis;

namespace PokerTracker.Clients.Redis;

public static class RedisExtensions
{
    /// <summary>
    /// Registers the shared <see cref="IConnectionMultiplexer"/> from the <c>redis</c> connection
    /// string (Aspire client integration) and a health check named <c>redis</c>. Its per-command
    /// tracing is off; the calls that belong to a trace make their own spans (<see cref="RedisTracing"/>).
    /// </summary>
    public static TBuilder AddRedis<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddRedisClient(ResourceNames.Redis, settings =>
        {
            settings.DisableHealthChecks = true;
            settings.DisableTracing = true;
        });
        builder.Services.AddSingleton<DeletedAccounts>();
        builder.Services.AddHealthChecks()
            .AddCheck<RedisHealthCheck>(ResourceNames.Redis, HealthStatus.Unhealthy, timeout: TimeSpan.FromSeconds(3));
        return builder;
    }
}

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy("connected");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "disconnected", ex);
        }
    }
}
