using ClickHouse.Driver;
using Confluent.Kafka;
using PokerTracker.Clients.Kafka;
using StackExchange.Redis;

namespace PokerTracker.Analytics.Ingestion;

/// <summary>
/// What the worker's three consumers share: a store away for a moment (ClickHouse, Redis, Kafka) is
/// waited out; a message that cannot be read, or that fails alone for another reason, goes to its
/// topic's dead-letter topic with the reason, and everything behind it is stored on.
/// </summary>
internal abstract class AnalyticsConsumer<T>(KafkaConnection kafka, DeadLetters deadLetters, AnalyticsMetrics metrics, TimeProvider time, ILogger logger)
    : KafkaConsumerLoop<T>(kafka, time, logger)
{
    protected AnalyticsMetrics Metrics => metrics;

    protected override bool IsTransient(Exception ex) =>
        ex is HttpRequestException or ClickHouseServerException or TaskCanceledException or RedisException or TimeoutException or ProduceException<string, byte[]>;

    protected override async Task RejectAsync(ConsumeResult<string, byte[]> message, string reason, CancellationToken ct)
    {
        await deadLetters.SendAsync(message, reason, ct);
        metrics.DeadLettered(message.Topic);
    }
}
