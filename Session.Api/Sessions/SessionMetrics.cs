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
    private readonly UpDownCounter<long> _streams;
    private readonly Counter<long> _resent;

    public SessionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.Name);
        _events = meter.CreateCounter<long>("pokertracker.session.events", description: "Session events recorded, by type");
        _retries = meter.CreateCounter<long>("pokertracker.session.concurrency_retries", description: "Commands retried after a concurrent change");
        _replays = meter.CreateCounter<long>("pokertracker.session.idempotent_replays", description: "Commands answered from their idempotency record");
        _relayed = meter.CreateCounter<long>("pokertracker.outbox.relayed", description: "Outbox entries acknowledged by Kafka");
        _resent = meter.CreateCounter<long>("pokertracker.analytics.resent", unit: "{event}", description: "Events the reconciler put in the outbox again because the analytics store lacked them");
        _streams = meter.CreateUpDownCounter<long>("pokertracker.sse.streams", description: "Open server-sent event streams");
    }

    public void EventRecorded(string type) => _events.Add(1, new KeyValuePair<string, object?>("type", type));
    public void ConcurrencyRetry() => _retries.Add(1);
    public void IdempotentReplay() => _replays.Add(1);
    public void Relayed(int count) => _relayed.Add(count);
    public void Resent(int count) => _resent.Add(count);
    public void StreamOpened() => _streams.Add(1);
    public void StreamClosed() => _streams.Add(-1);
}
