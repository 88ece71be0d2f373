using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using PokerTracker.Clients.Kafka;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using StackExchange.Redis;

namespace PokerTracker.Tilt.Assessment;

/// <summary>
/// session-events → assessments and alerts on tilt-alerts, through the shared
/// <see cref="KafkaConsumerLoop{T}"/>. Its own consumer group; a batch's offsets are committed after
/// its events are assessed and its alerts acknowledged, and a redelivered event is recognised by
/// its sequence.
/// </summary>
internal sealed class TiltWorker(
    KafkaConnection kafka, SessionAssessment assessment, AlertPublisher publisher, Clients.Redis.DeletedAccounts deleted, IOptions<TiltOptions> options,
    TimeProvider time, ILogger<TiltWorker> logger)
    : KafkaConsumerLoop<SessionEventEnvelope>(kafka, time, logger)
{
    private static readonly ActivitySource Source = new(Telemetry.Name);

    protected override ConsumerSettings Settings => new(options.Value.ConsumerGroup, Topics.SessionEvents, MaxBatch: 500, FlushInterval: TimeSpan.FromMilliseconds(100));

    protected override SessionEventEnvelope? Parse(ConsumeResult<string, byte[]> message, out string? reason)
    {
        reason = null;
        try
        {
            var e = SessionEventEnvelope.Parser.ParseFrom(message.Message.Value ?? []);
            reason = e.PayloadCase == SessionEventEnvelope.PayloadOneofCase.None || !Guid.TryParse(e.SessionId, out _) ? "not a session event"
                : !Timestamps.AllValid(e) ? "impossible timestamps" : null;
            return reason is null ? e : null;
        }
        catch (InvalidProtocolBufferException ex)
        {
            reason = ex.Message;
            return null;
        }
    }

    protected override bool IsTransient(Exception ex) => ex is RedisException or ProduceException<string, byte[]> or TimeoutException;

    protected override async Task HandleAsync(IReadOnlyList<Received<SessionEventEnvelope>> batch, IReadOnlyList<ConsumeResult<string, byte[]>> all, CancellationToken ct)
    {
        // A session's events in this batch are handled in one pass (in their order: one session, one
        // key, one partition). The pass joins the trace of the session's latest event. Nothing is kept
        // or raised for a deleted account (its events may still be on their way).
        foreach (var session in (await deleted.WithoutDeletedAsync(batch, r => r.Value.UserId)).GroupBy(r => r.Value.SessionId, StringComparer.Ordinal))
        {
            var events = session.Select(r => r.Value).ToList();
            var latest = session.Last().Message;
            ActivityContext.TryParse(latest.Message.Headers?.TryGetLastBytes("traceparent", out var tp) == true ? Encoding.UTF8.GetString(tp) : null, null, out var parent);
            using var activity = Source.StartActivity("tilt assess", ActivityKind.Consumer, parent);
            activity?.SetTag("messaging.batch.message_count", events.Count);
            await assessment.HandleAsync(events); // a retried batch assesses nothing twice: the sequence check skips what was handled
        }

        // Offsets only after the assessments and alerts of those events are acknowledged.
        await publisher.FlushAsync();
    }
}

/// <summary>Guards by time alone (maximum duration) need checking between events too.</summary>
internal sealed class GuardSweep(SessionAssessment assessment, IOptions<TiltOptions> options, TimeProvider time, ILogger<GuardSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.GuardSweepInterval, time);
        while (await Next(timer, stoppingToken))
        {
            try
            {
                await assessment.SweepAsync(time.GetUtcNow());
            }
            catch (Exception ex) when (ex is RedisException or ProduceException<string, byte[]> or TimeoutException)
            {
                logger.LogWarning("Guard sweep failed ({Reason})", ex.Message);
            }
        }
    }

    private static async Task<bool> Next(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
