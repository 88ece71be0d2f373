using Confluent.Kafka;
using Google.Protobuf;
using PokerTracker.Clients.Kafka;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Alerts;

/// <summary>
/// tilt-alerts → the player, through the shared <see cref="KafkaConsumerLoop{T}"/>. Every replica
/// is in one consumer group, so each alert is taken once; <see cref="AlertStore"/> keeps it in the
/// session's list, writes it to the player's feed and publishes it on their live channel (so it
/// reaches SSE streams on every replica). The latest assessment of a session is kept for its live screen.
/// </summary>
internal sealed class AlertRelay(
    KafkaConnection kafka, AlertStore alerts, Push.PushSender push, Clients.Redis.DeletedAccounts deleted, IConfiguration configuration, TimeProvider time, ILogger<AlertRelay> logger)
    : KafkaConsumerLoop<TiltEnvelope>(kafka, time, logger)
{
    /// <summary>Shared by every replica (each alert is relayed once); settable for tests as Alerts:ConsumerGroup.</summary>
    public const string DefaultConsumerGroup = "session-api-alerts";

    protected override ConsumerSettings Settings =>
        new(configuration["Alerts:ConsumerGroup"] ?? DefaultConsumerGroup, Topics.TiltAlerts, MaxBatch: 100, FlushInterval: TimeSpan.FromMilliseconds(20));

    protected override TiltEnvelope? Parse(ConsumeResult<string, byte[]> message, out string? reason)
    {
        reason = null;
        try
        {
            var envelope = TiltEnvelope.Parser.ParseFrom(message.Message.Value ?? []);
            reason = !Guid.TryParse(envelope.SessionId, out _) || envelope.UserId.Length == 0 ? "no session or player" : null;
            return reason is null ? envelope : null;
        }
        catch (InvalidProtocolBufferException ex)
        {
            reason = ex.Message;
            return null;
        }
    }

    protected override bool IsTransient(Exception ex) => ex is RedisException or TimeoutException;

    protected override async Task HandleAsync(IReadOnlyList<Received<TiltEnvelope>> batch, IReadOnlyList<ConsumeResult<string, byte[]>> all, CancellationToken ct)
    {
        // Each assessment replaces the one before: of a session's assessments in this batch, only the latest is stored.
        var latest = new Dictionary<Guid, TiltEnvelope>();
        foreach (var (envelope, _) in await deleted.WithoutDeletedAsync(batch, r => r.Value.UserId)) // nothing kept for a deleted account
        {
            var session = Guid.Parse(envelope.SessionId);
            if (envelope.PayloadCase == TiltEnvelope.PayloadOneofCase.Assessed)
            {
                if (!latest.TryGetValue(session, out var seen) || envelope.Sequence >= seen.Sequence)
                {
                    latest[session] = envelope;
                }
            }
            else if (envelope.PayloadCase == TiltEnvelope.PayloadOneofCase.Alert && AlertView.From(envelope) is var alert && await alerts.SaveAsync(envelope.UserId, alert))
            {
                push.Enqueue(envelope.UserId, alert); // to the devices, once: a redelivered alert is not saved twice
                Logger.LogInformation("Alert {Kind} ({Level}) for session {SessionId} relayed", envelope.Alert.Kind, envelope.Alert.Level, session);
            }
        }

        await Task.WhenAll(latest.Select(p => alerts.SaveAssessmentAsync(p.Key, AssessmentView.From(p.Value))));
    }
}
