using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PokerTracker.Clients.Kafka;

/// <summary>
/// Asks the broker for cluster metadata (one cheap request; topic admin calls are avoided on
/// purpose). Healthy when at least one broker answers.
/// </summary>
internal sealed class KafkaHealthCheck(KafkaConnection connection) : IHealthCheck, IDisposable
{
    private readonly Lazy<IAdminClient> _admin = new(() => new AdminClientBuilder(connection.AdminConfig()).Build());

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var metadata = await Task.Run(() => _admin.Value.GetMetadata(TimeSpan.FromSeconds(3)), cancellationToken);
            return metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy("connected")
                : new HealthCheckResult(context.Registration.FailureStatus, "disconnected");
        }
        catch (KafkaException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "disconnected", ex);
        }
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }
}
