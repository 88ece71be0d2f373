using System.Diagnostics.Metrics;
using PokerTracker.Contracts;

namespace PokerTracker.Analytics.Ingestion;

/// <summary>
/// The worker's metrics (meter Telemetry.Name): throughput, batches, insert latency. Its lag is the
/// shared <c>pokertracker.kafka.consumer_lag</c> gauge; the health check reads the last value here.
/// </summary>
public sealed class AnalyticsMetrics
{
    private readonly Counter<long> _processed;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _trainingDecisions;
    private readonly Counter<long> _hands;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _insertMs;
    private long _lag;

    public AnalyticsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.Name);
        _processed = meter.CreateCounter<long>("pokertracker.analytics.events_processed", unit: "{event}", description: "Events stored in ClickHouse");
        _deadLettered = meter.CreateCounter<long>("pokertracker.analytics.dead_lettered", unit: "{event}", description: "Messages sent to a dead-letter topic, by the topic they came from");
        _trainingDecisions = meter.CreateCounter<long>("pokertracker.analytics.training_decisions", unit: "{decision}", description: "Graded training decisions stored in ClickHouse");
        _hands = meter.CreateCounter<long>("pokertracker.analytics.hands", unit: "{hand}", description: "Imported hands stored in ClickHouse");
        _batchSize = meter.CreateHistogram<int>("pokertracker.analytics.batch_size", unit: "{event}", description: "Events per batch");
        _insertMs = meter.CreateHistogram<double>("pokertracker.analytics.insert_duration", unit: "ms", description: "Time to store one batch");
    }

    public long Lag => Interlocked.Read(ref _lag);

    public void Batch(int events, double milliseconds)
    {
        _processed.Add(events);
        _batchSize.Record(events);
        _insertMs.Record(milliseconds);
    }

    public void DeadLettered(string topic) => _deadLettered.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", topic));

    public void TrainingDecisions(int count) => _trainingDecisions.Add(count);

    public void Hands(int count) => _hands.Add(count);

    public void SetLag(long lag) => Interlocked.Exchange(ref _lag, lag);
}
