using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace PokerTracker.Analytics.Ingestion;

/// <summary>"lagging" (degraded) when the worker is far behind the end of session-events.</summary>
internal sealed class LagHealthCheck(AnalyticsMetrics metrics, IOptions<AnalyticsOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(metrics.Lag > options.Value.LagWarning
            ? HealthCheckResult.Degraded("lagging", data: new Dictionary<string, object> { ["lag"] = metrics.Lag })
            : HealthCheckResult.Healthy("caught-up", new Dictionary<string, object> { ["lag"] = metrics.Lag }));
}
