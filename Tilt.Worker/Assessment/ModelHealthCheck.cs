using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PokerTracker.Tilt.Assessment;

/// <summary>"loaded", or "missing" (degraded: alerts still come, from the rules).</summary>
internal sealed class ModelHealthCheck(TiltModel model) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(model.IsLoaded ? HealthCheckResult.Healthy("loaded") : HealthCheckResult.Degraded("missing"));
}
