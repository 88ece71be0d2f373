using System.Text.Json.Nodes;
using Confluent.Kafka;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using PokerTracker.ServiceDefaults.Kafka;
using PokerTracker.SessionApi.Infrastructure;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Alerts;

/// <summary>
/// tilt-alerts → the player. Every replica is in one consumer group, so each alert is taken once;
/// it is written to the player's feed and published on their live channel (so it reaches SSE
/// streams on every replica), and kept in the session's alert list. The latest assessment of a
/// session is kept for its live screen.
/// </summary>
internal sealed class AlertRelay(KafkaConnection kafka, IConnectionMultiplexer redis, IConfiguration configuration, ILogger<AlertRelay> logger) : BackgroundService
{
    /// <summary>Shared by every replica (each alert is relayed once); settable for tests as Alerts:ConsumerGroup.</summary>
    public const string DefaultConsumerGroup = "session-api-alerts";

    private const string RelayScript = """
        if redis.call('SET', KEYS[1], '1', 'NX', 'EX', 604800) == false then return 0 end
        redis.call('RPUSH', KEYS[2], ARGV[1])
        redis.call('EXPIRE', KEYS[2], 2592000)
        local feedId = redis.call('XADD', KEYS[3], 'MAXLEN', '~', '10000', '*', 'data', ARGV[1])
        redis.call('PUBLISH', ARGV[2], feedId .. '\n' .. ARGV[1])
        return 1
        """;

    public static string AlertsKey(Guid session) => $"pt:session:{session:N}:alerts";

    public static string AssessmentKey(Guid session) => $"pt:session:{session:N}:tilt";

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
                var db = redis.GetDatabase();
                if (envelope.PayloadCase == TiltEnvelope.PayloadOneofCase.Assessed)
                {
                    await db.StringSetAsync(AssessmentKey(session), AssessmentJson(envelope).ToJsonString(), TimeSpan.FromDays(2));
                }
                else if (envelope.PayloadCase == TiltEnvelope.PayloadOneofCase.Alert)
                {
                    await db.ScriptEvaluateAsync(RelayScript,
                        [$"pt:alert:{envelope.Id}", AlertsKey(session), RedisKeys.UserFeed(envelope.UserId)],
                        [AlertJson(envelope).ToJsonString(), RedisKeys.LiveChannel(envelope.UserId)]);
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

    public static JsonObject AlertJson(TiltEnvelope e) => new()
    {
        ["id"] = e.Id,
        ["type"] = "TiltAlertRaised",
        ["sessionId"] = e.SessionId,
        ["sequence"] = e.Sequence,
        ["at"] = e.AssessedAt.ToDateTimeOffset(),
        ["kind"] = e.Alert.Kind,
        ["level"] = Level(e.Alert.Level),
        ["source"] = Source(e.Alert.Source),
        ["score"] = Math.Round(e.Alert.Score, 4),
        ["reasons"] = new JsonArray([.. e.Alert.Reasons.Select(r => (JsonNode)r)]),
        ["recommendation"] = e.Alert.Recommendation,
    };

    private static JsonObject AssessmentJson(TiltEnvelope e) => new()
    {
        ["sequence"] = e.Sequence,
        ["at"] = e.AssessedAt.ToDateTimeOffset(),
        ["score"] = Math.Round(e.Assessed.Score, 4),
        ["level"] = Level(e.Assessed.Level),
        ["source"] = Source(e.Assessed.Source),
    };

    private static string Level(TiltLevel level) => level switch
    {
        TiltLevel.High => "high",
        TiltLevel.Medium => "medium",
        _ => "low",
    };

    private static string Source(AssessmentSource source) => source switch
    {
        AssessmentSource.Model => "model",
        AssessmentSource.Guard => "guard",
        _ => "rules",
    };
}
