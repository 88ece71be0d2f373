using Confluent.Kafka;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using PokerTracker.Clients.Kafka;
using PokerTracker.SessionApi.Infrastructure;
using StackExchange.Redis;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.Alerts;

/// <summary>
/// tilt-alerts → the player. Every replica is in one consumer group, so each alert is taken once;
/// it is written to the player's feed and published on their live channel (so it reaches SSE
/// streams on every replica), and kept in the session's alert list. The latest assessment of a
/// session is kept for its live screen.
/// </summary>
internal sealed class AlertRelay(KafkaConnection kafka, AlertStore alerts, IConfiguration configuration, ILogger<AlertRelay> logger) : BackgroundService
{
    /// <summary>Shared by every replica (each alert is relayed once); settable for tests as Alerts:ConsumerGroup.</summary>
    public const string DefaultConsumerGroup = "session-api-alerts";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => ConsumeAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task ConsumeAsync(CancellationToken ct)
    {
        // From the earliest kept alert for a new group: a redelivered alert is recognised by its id.
        var config = kafka.ConsumerConfig(configuration["Alerts:ConsumerGroup"] ?? DefaultConsumerGroup);
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Subscribe(Topics.TiltAlerts);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var message = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (message is null || message.IsPartitionEOF)
                {
                    continue;
                }

                await RelayWithRetryAsync(message, ct);
                try
                {
                    consumer.Commit(message);
                }
                catch (KafkaException ex)
                {
                    logger.LogDebug("Alert offset not committed ({Reason}); a redelivered alert is recognised by its id", ex.Error.Reason);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            consumer.Close();
        }
    }

    private async Task RelayWithRetryAsync(ConsumeResult<string, byte[]> message, CancellationToken ct)
    {
        TiltEnvelope envelope;
        try
        {
            envelope = TiltEnvelope.Parser.ParseFrom(message.Message.Value);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            logger.LogWarning("Skipped an unreadable tilt message at {Partition}/{Offset}", message.Partition.Value, message.Offset.Value);
            return;
        }

        if (!Guid.TryParse(envelope.SessionId, out var session) || envelope.UserId.Length == 0)
        {
            return;
        }

        while (true)
        {
            try
            {
                if (envelope.PayloadCase == TiltEnvelope.PayloadOneofCase.Assessed)
                {
                    await alerts.SaveAssessmentAsync(session, AssessmentView.From(envelope));
                }
                else if (envelope.PayloadCase == TiltEnvelope.PayloadOneofCase.Alert && await alerts.SaveAsync(envelope.UserId, AlertView.From(envelope)))
                {
                    logger.LogInformation("Alert {Kind} ({Level}) for session {SessionId} relayed", envelope.Alert.Kind, envelope.Alert.Level, session);
                }

                return;
            }
            catch (RedisException ex) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning("Relaying a tilt message failed ({Reason}); retrying", ex.Message);
                await Task.Delay(500, ct);
            }
        }
    }
}
