using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Confluent.Kafka;
using PokerTracker.Contracts;

namespace PokerTracker.Clients.Kafka;

/// <summary>
/// How far each consumer is behind the end of its topic, as the gauge
/// <c>pokertracker.kafka.consumer_lag</c> (by consumer group and topic): the analytics worker,
/// the tilt worker and the alert relay each show their own line in the dashboard's Metrics page.
/// Measured after every poll from the client's own positions and watermarks (no broker call).
/// </summary>
public static class ConsumerLag
{
    private static readonly Meter Meter = new(Telemetry.Name);
    private static readonly ConcurrentDictionary<(string Group, string Topic), long> Lags = new();

    static ConsumerLag() =>
        Meter.CreateObservableGauge("pokertracker.kafka.consumer_lag", Observe, unit: "{message}",
            description: "Messages a consumer group has yet to read, by group and topic");

    /// <summary>Messages the consumer's assigned partitions have beyond its position.</summary>
    public static long Measure(IConsumer<string, byte[]> consumer, string group, string topic)
    {
        long lag = 0;
        foreach (var partition in consumer.Assignment)
        {
            var watermarks = consumer.GetWatermarkOffsets(partition);
            var position = consumer.Position(partition);
            if (watermarks.High.Value >= 0 && position.Value >= 0)
            {
                lag += Math.Max(0, watermarks.High.Value - position.Value);
            }
        }

        Lags[(group, topic)] = lag;
        return lag;
    }

    private static IEnumerable<Measurement<long>> Observe() =>
        Lags.Select(l => new Measurement<long>(l.Value, new KeyValuePair<string, object?>("messaging.consumer.group.name", l.Key.Group),
            new KeyValuePair<string, object?>("messaging.destination.name", l.Key.Topic)));
}
