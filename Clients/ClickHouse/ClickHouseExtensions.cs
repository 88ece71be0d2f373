using ClickHouse.Driver;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using PokerTracker.Contracts;

namespace PokerTracker.Clients.ClickHouse;

public static class ClickHouseExtensions
{
    /// <summary>
    /// Registers a shared <see cref="ClickHouseClient"/> (thread-safe, pooled HTTP) from the
    /// <c>clickhouse</c> connection string, and a health check named <c>clickhouse</c>.
    /// </summary>
    public static TBuilder AddClickHouse<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.RequiredConnectionString(ResourceNames.ClickHouse);

        // Decimals as System.Decimal: money is never a double, nor a driver-specific type.
        // No HTTP compression unless the connection string asks for it: the store sits next to the
        // services, and gzip of a 10,000-session result cost more time (5 ms each side) than it saved.
        var settings = connectionString.TrimEnd(';');
        if (!settings.Contains("UseCustomDecimals", StringComparison.OrdinalIgnoreCase))
        {
            settings += ";UseCustomDecimals=false";
        }

        if (!settings.Contains("Compression", StringComparison.OrdinalIgnoreCase))
        {
            settings += ";Compression=false";
        }

        builder.Services.AddSingleton(_ => new ClickHouseClient(settings));
        builder.Services.AddHealthChecks()
            .AddCheck<ClickHouseHealthCheck>(ResourceNames.ClickHouse, HealthStatus.Unhealthy, timeout: TimeSpan.FromSeconds(5));
        return builder;
    }
}

internal sealed class ClickHouseHealthCheck(ClickHouseClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var answer = await client.ExecuteScalarAsync("SELECT 1", cancellationToken: cancellationToken);
            return Convert.ToInt32(answer, System.Globalization.CultureInfo.InvariantCulture) == 1
                ? HealthCheckResult.Healthy("connected")
                : new HealthCheckResult(context.Registration.FailureStatus, "disconnected");
        }
        catch (Exception ex) when (ex is HttpRequestException or ClickHouseServerException or TaskCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "disconnected", ex);
        }
    }
}
