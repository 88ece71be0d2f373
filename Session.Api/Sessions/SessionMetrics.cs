using System.Diagnostics.Metrics;
using PokerTracker.Contracts;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>Business metrics of the session service (meter Telemetry.Name).</summary>
public sealed class SessionMetrics
{
    private readonly Counter<long> _events;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _replays;
    private readonly Counter<long> _relayed;
    private readonly Counter<long> _deadLettered;
    private readonly UpDownCounter<long> _streams;
    private readonly Counter<long> _resent;
    private readonly Histogram<double> _relayLag;
    private readonly Counter<long> _statisticsCache;
    private readonly Counter<long> _rejections;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> _outboxDepth = new();

    public SessionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.Name);
        _events = meter.CreateCounter<long>("pokertracker.session.events", unit: "{event}", description: "Session events recorded (one per command), by type");
        _retries = meter.CreateCounter<long>("pokertracker.session.concurrency_retries", unit: "{retry}", description: "Commands retried after a concurrent change");
        _replays = meter.CreateCounter<long>("pokertracker.session.idempotent_replays", unit: "{command}", description: "Commands answered from their idempotency record");
        _relayed = meter.CreateCounter<long>("pokertracker.outbox.relayed", unit: "{entry}", description: "Outbox entries acknowledged by Kafka");
        _deadLettered = meter.CreateCounter<long>("pokertracker.outbox.dead_lettered", unit: "{entry}", description: "Outbox entries Kafka refuses for good, set aside in pt:outbox:dead");
        _relayLag = meter.CreateHistogram<double>("pokertracker.outbox.relay_lag", unit: "ms", description: "Age of the oldest entry of each batch the relay sent to Kafka: how far behind the outbox is");
        _statisticsCache = meter.CreateCounter<long>("pokertracker.statistics.cache", unit: "{request}", description: "Statistics requests of the standard view, by result (hit: answered from the cache)");
        _rejections = meter.CreateCounter<long>("pokertracker.ratelimit.rejections", unit: "{request}", description: "Requests refused with 429, by rate-limit policy");
        _resent = meter.CreateCounter<long>("pokertracker.analytics.resent", unit: "{event}", description: "Events the reconciler put in the outbox again because the analytics store lacked them");
        meter.CreateObservableGauge("pokertracker.outbox.depth", () => _outboxDepth.Values.Sum(), unit: "{entry}",
            description: "Entries waiting in the outbox shards this replica relays (measured every few seconds)");
        foreach (var policy in new[] { Infrastructure.RateLimits.Auth, Infrastructure.RateLimits.Refresh, Infrastructure.RateLimits.Writes })
        {
            RateLimited(policy, 0); // shown at 0 from the start: no refusal is a value too
        }

        _streams = meter.CreateUpDownCounter<long>("pokertracker.sse.streams", unit: "{stream}", description: "Open server-sent event streams");
    }

    public void EventRecorded(string type) => _events.Add(1, new KeyValuePair<string, object?>("type", type));
    public void ConcurrencyRetry() => _retries.Add(1);
    public void IdempotentReplay() => _replays.Add(1);
    public void Relayed(int count) => _relayed.Add(count);

    public void DeadLettered() => _deadLettered.Add(1);
    public void Resent(int count) => _resent.Add(count);
    public void OutboxDepth(int shard, long entries) => _outboxDepth[shard] = entries;
    public void OutboxReleased(int shard) => _outboxDepth.TryRemove(shard, out _);
    public void RelayLag(TimeSpan age) => _relayLag.Record(Math.Max(0, age.TotalMilliseconds));
    public void StatisticsCache(bool hit) => _statisticsCache.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));
    public void RateLimited(string policy, long count = 1) => _rejections.Add(count, new KeyValuePair<string, object?>("policy", policy));
    public void StreamOpened() => _streams.Add(1);
    public void StreamClosed() => _streams.Add(-1);
}
