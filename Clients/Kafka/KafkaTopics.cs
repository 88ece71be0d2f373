using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PokerTracker.Contracts;

namespace PokerTracker.Clients.Kafka;

/// <summary>
/// Creates the product's topics on a broker that does not create topics when they are first used
/// (the published one: auto-creation is off, so a typo cannot make a stray topic). Runs in the
/// background and retries until the broker answers; a topic that exists already is fine.
/// </summary>
internal sealed class KafkaTopics(KafkaConnection kafka, TimeProvider time, ILogger<KafkaTopics> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), time);
        using var admin = new AdminClientBuilder(kafka.AdminConfig()).Build();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await admin.CreateTopicsAsync(
                    Topics.All.Select(t => new TopicSpecification { Name = t, NumPartitions = Topics.Partitions, ReplicationFactor = -1 }),
                    new CreateTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(15) });
                logger.LogInformation("Created the topics {Topics}", string.Join(", ", Topics.All));
                return;
            }
            catch (CreateTopicsException ex) when (ex.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
            {
                return;
            }
            catch (KafkaException ex)
            {
                logger.LogWarning("Topics not created yet ({Reason}); retrying in {Delay}", ex.Error.Reason, backoff.Next);
                await backoff.WaitAsync(stoppingToken);
            }
        }
    }
}
