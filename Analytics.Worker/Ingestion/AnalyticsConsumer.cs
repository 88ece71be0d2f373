using ClickHouse.Driver;
using Confluent.Kafka;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
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

    /// <summary>A time a date can hold (years 1 to 9999): anything else cannot be stored, and is refused as it is read.</summary>
    protected static bool IsTime(Timestamp? t) => Contracts.Timestamps.IsTime(t);

    protected override bool IsTransient(Exception ex) =>
        ex is HttpRequestException or IOException or System.Net.Sockets.SocketException or ClickHouseServerException or TaskCanceledException or RedisException or TimeoutException
            or ProduceException<string, byte[]>;

    protected override async Task RejectAsync(ConsumeResult<string, byte[]> message, string reason, CancellationToken ct)
    {
        await deadLetters.SendAsync(message, reason, ct);
        metrics.DeadLettered(message.Topic);
    }
}
