using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using PokerTracker.Clients.Kafka;

namespace PokerTracker.Tilt.Assessment;

/// <summary>
/// Publishes assessments and alerts to tilt-alerts (idempotent producer, key = session id,
/// traceparent header). Sends are not awaited one by one: <see cref="FlushAsync"/> waits for all of
/// them before the worker commits the offsets of the events they came from.
/// </summary>
public sealed partial class AlertPublisher(KafkaConnection kafka, TiltMetrics metrics, TimeProvider time, ILogger<AlertPublisher> logger) : IDisposable
{
    private readonly Lazy<IProducer<string, byte[]>> _producer = new(() => new ProducerBuilder<string, byte[]>(kafka.ProducerConfig()).Build());
    private readonly List<Task> _inFlight = [];
    private readonly Lock _lock = new();

    /// <summary>Waits until every publish since the last flush is acknowledged (throws if one failed).</summary>
    public async Task FlushAsync()
    {
        Task[] pending;
        lock (_lock)
        {
            pending = [.. _inFlight];
            _inFlight.Clear();
        }

        await Task.WhenAll(pending);
    }

    /// <summary>Queues an assessment: <see cref="FlushAsync"/> waits for it (a session's pass does not wait on Kafka for each one).</summary>
    public Task AssessedAsync(SessionEventEnvelope e, TiltAssessed assessed)
    {
        _ = PublishAsync(e, envelope => envelope.Assessed = assessed);
        return Task.CompletedTask;
    }

    /// <summary>Publishes an alert under its id (a repeat of the same id is one alert to the player); the task ends when Kafka has it.</summary>
    public Task AlertAsync(SessionEventEnvelope e, TiltAlertRaised alert, string? id = null)
    {
        metrics.Alert(alert.Kind, alert.Source, alert.Level);
        AlertRaised(logger, alert.Kind, alert.Level, alert.Source, e.SessionId, e.UserId, e.Sequence);
        // An alert says when at the table the entry it follows happened (an assessment, sent per event, need not).
        return PublishAsync(e, envelope => (envelope.Alert, envelope.OccurredAt) = (alert, AtTheTable(e)), id);
    }

    /// <summary>
    /// When the entry happened at the table: a note edited or deleted keeps the note's time in its event,
    /// but the change was made when it was recorded (an alert placed at the note's time would come before
    /// the entries that raised it).
    /// </summary>
    public static Google.Protobuf.WellKnownTypes.Timestamp AtTheTable(SessionEventEnvelope e) =>
        e.PayloadCase is SessionEventEnvelope.PayloadOneofCase.HandNoteEdited or SessionEventEnvelope.PayloadOneofCase.HandNoteDeleted
            ? e.RecordedAt ?? e.OccurredAt
            : e.OccurredAt;

    /// <summary>An alert's id, the same each time the same events raise it: session, event and kind.</summary>
    public static string AlertId(string session, long sequence, string kind)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{session}|{sequence}|{kind}"), hash);
        return new Guid(hash[..16]).ToString();
    }

    // Account and session ids only: the reasons can quote the player's figures, so they stay out of the logs.
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Alert {Kind} ({Level}, {Source}) raised for session {SessionId} of {UserId} at event {Sequence}")]
    private static partial void AlertRaised(ILogger logger, string kind, TiltLevel level, AssessmentSource source, string sessionId, string userId, long sequence);

    private Task PublishAsync(SessionEventEnvelope e, Action<TiltEnvelope> set, string? id = null)
    {
        var envelope = new TiltEnvelope
        {
            Id = id ?? Guid.CreateVersion7().ToString(), SessionId = e.SessionId, UserId = e.UserId, Sequence = e.Sequence,
            AssessedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        };
        set(envelope);
        var headers = new Headers();
        if (Activity.Current?.Id is { } traceparent)
        {
            headers.Add("traceparent", Encoding.UTF8.GetBytes(traceparent));
        }

        var send = _producer.Value.ProduceAsync(Topics.TiltAlerts, new Message<string, byte[]> { Key = e.SessionId, Value = envelope.ToByteArray(), Headers = headers });
        lock (_lock)
        {
            _inFlight.Add(send);
        }

        return send;
    }

    public void Dispose()
    {
        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(TimeSpan.FromSeconds(5));
            _producer.Value.Dispose();
        }
    }
}
