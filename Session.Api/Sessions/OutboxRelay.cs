using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PokerTracker.Contracts;
using PokerTracker.Clients;
using PokerTracker.Clients.Kafka;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>
/// Publishes the outbox to Kafka. The outbox is split into shards (by session); each shard is
/// relayed by exactly one replica at a time, holding a lease in Redis, so a session's events
/// reach Kafka in order. Entries are deleted only after Kafka acknowledged them (idempotent
/// producer, acks=all); a replica that dies leaves its entries in place, and whoever takes the
/// lease after it expires publishes them (duplicates are possible then, and carry the same event id).
/// A broker's acknowledgement is not the last copy: see <see cref="AnalyticsReconciler"/>.
/// </summary>
internal sealed class OutboxRelay(
    IConnectionMultiplexer redis,
    KafkaConnection kafka,
    IOptions<SessionStoreOptions> options,
    SessionMetrics metrics,
    TimeProvider time,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    public static readonly ActivitySource Source = new(Telemetry.Name);
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(10);
    private const int BatchSize = 500;
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(15);
    private static readonly TimeSpan DepthInterval = TimeSpan.FromSeconds(5);

    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly Dictionary<int, DateTimeOffset> _leases = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var config = kafka.ProducerConfig();
        config.MessageTimeoutMs = 15_000;
        using var producer = new ProducerBuilder<string, byte[]>(config).Build();
        var shards = options.Value.OutboxShards;
        var backoff = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), time);
        var nextDepth = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var relayed = 0;
            var failed = false;
            var measure = time.GetUtcNow() >= nextDepth;
            if (measure)
            {
                nextDepth = time.GetUtcNow() + DepthInterval;
            }

            for (var shard = 0; shard < shards; shard++)
            {
                try
                {
                    if (await HoldLeaseAsync(shard))
                    {
                        if (measure)
                        {
                            metrics.OutboxDepth(shard, await redis.GetDatabase().StreamLengthAsync(RedisKeys.Outbox(shard)));
                        }

                        relayed += await RelayShardAsync(shard, producer, stoppingToken);
                    }
                    else
                    {
                        metrics.OutboxReleased(shard); // another replica relays it, and reports its depth
                    }
                }
                catch (Exception ex) when (ex is ProduceException<string, byte[]> or KafkaException or RedisException or TimeoutException)
                {
                    failed = true;
                    logger.LogWarning("Outbox shard {Shard} not relayed yet: {Reason}", shard, ex.Message);
                }
            }

            try
            {
                if (failed)
                {
                    await backoff.WaitAsync(stoppingToken);
                    continue;
                }

                backoff.Reset();
                if (relayed == 0)
                {
                    await Task.Delay(IdlePoll, time, stoppingToken); // nothing to relay: look again shortly
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await DrainAsync(producer, shards);
        await ReleaseLeasesAsync();
    }

    /// <summary>On a graceful stop: what is in the outbox now goes out before the producer closes (bounded).</summary>
    private async Task DrainAsync(IProducer<string, byte[]> producer, int shards)
    {
        using var deadline = new CancellationTokenSource(DrainTime);
        try
        {
            for (var shard = 0; shard < shards; shard++)
            {
                if (_leases.ContainsKey(shard) && await StillHoldAsync(shard))
                {
                    while (await RelayShardAsync(shard, producer, deadline.Token).WaitAsync(deadline.Token) == BatchSize)
                    {
                    }
                }
            }

            producer.Flush(deadline.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ProduceException<string, byte[]> or KafkaException or RedisException or TimeoutException)
        {
            // Left in the outbox: the next relay (this replica restarted, or another) sends it.
            logger.LogInformation("Outbox not fully drained on stop ({Reason}); the rest is sent on the next start", ex.Message);
        }
    }

    private async Task<int> RelayShardAsync(int shard, IProducer<string, byte[]> producer, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var entries = await db.StreamRangeAsync(RedisKeys.Outbox(shard), "-", "+", BatchSize);
        if (entries.Length == 0)
        {
            return 0;
        }

        var deliveries = entries.Select(entry => PublishAsync(producer, entry)).ToList();
        var delivered = new List<RedisValue>(entries.Length);
        Exception? failure = null;
        for (var i = 0; i < deliveries.Count; i++)
        {
            try
            {
                await deliveries[i];
                if (failure is null)
                {
                    delivered.Add(entries[i].Id);
                }
            }
            catch (ProduceException<string, byte[]> ex) when (failure is null && Undeliverable(ex.Error.Code))
            {
                // Kafka will never take this one (too large): it is set aside for a person to look at, so
                // that the entries behind it, every other session of the shard, still go out.
                await db.StreamAddAsync(RedisKeys.OutboxDead, entries[i].Values, maxLength: 10_000, useApproximateMaxLength: true);
                logger.LogError("Outbox entry {EntryId} of shard {Shard} cannot be delivered ({Reason}); moved to {DeadLetters}", entries[i].Id, shard, ex.Error.Reason, RedisKeys.OutboxDead);
                metrics.DeadLettered();
                delivered.Add(entries[i].Id);
            }
            catch (ProduceException<string, byte[]> ex)
            {
                // Keep order: nothing after the first failure is deleted; it is sent again.
                failure ??= ex;
            }
        }

        if (delivered.Count > 0 && await DeleteIfHeldAsync(db, shard, delivered))
        {
            // A stream id starts with the milliseconds at which Redis added the entry.
            var id = entries[0].Id.ToString();
            if (long.TryParse(id.AsSpan(0, Math.Max(0, id.IndexOf('-'))), out var addedMs))
            {
                metrics.RelayLag(time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(addedMs));
            }

            metrics.Relayed(delivered.Count);
        }

        if (failure is not null)
        {
            throw failure;
        }

        return delivered.Count;
    }

    /// <summary>Errors that no retry mends: the message itself is refused.</summary>
    private static bool Undeliverable(ErrorCode code) => code is ErrorCode.MsgSizeTooLarge or ErrorCode.RecordListTooLarge or ErrorCode.InvalidMsgSize;

    private static Task<DeliveryResult<string, byte[]>> PublishAsync(IProducer<string, byte[]> producer, StreamEntry entry)
    {
        var fields = OutboxFields.Read(entry);
        ActivityContext.TryParse(fields.TraceParent, null, out var parent);
        // Entries name their topic (training events); session events, the first kind, do not.
        var topic = fields.Topic ?? Topics.SessionEvents;
        using var activity = Source.StartActivity("session-events publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("messaging.kafka.message.key", fields.Key);
        var headers = new Headers { { "event-type", fields.Type } };
        if (activity is { IdFormat: ActivityIdFormat.W3C })
        {
            headers.Add("traceparent", TraceParent(activity));
        }
        else if ((activity?.Id ?? fields.TraceParent) is { Length: > 0 } context)
        {
            headers.Add("traceparent", Encoding.UTF8.GetBytes(context));
        }

        return producer.ProduceAsync(topic, new Message<string, byte[]> { Key = fields.Key, Value = fields.Value, Headers = headers });
    }

    /// <summary>The W3C traceparent of the publish span as bytes, written from its ids (its <c>Id</c> string is not built).</summary>
    private static byte[] TraceParent(Activity activity)
    {
        var bytes = new byte[55];
        "00-"u8.CopyTo(bytes);
        Encoding.ASCII.GetBytes(activity.TraceId.ToHexString(), bytes.AsSpan(3, 32));
        bytes[35] = (byte)'-';
        Encoding.ASCII.GetBytes(activity.SpanId.ToHexString(), bytes.AsSpan(36, 16));
        bytes[52] = (byte)'-';
        bytes[53] = (byte)'0';
        bytes[54] = (activity.ActivityTraceFlags & ActivityTraceFlags.Recorded) != 0 ? (byte)'1' : (byte)'0';
        return bytes;
    }

    private async Task<bool> HoldLeaseAsync(int shard)
    {
        if (_leases.TryGetValue(shard, out var until) && until - time.GetUtcNow() > LeaseTime / 2)
        {
            return true;
        }

        var held = await Lease.HoldAsync(redis.GetDatabase(), RedisKeys.OutboxLease(shard), _instance, LeaseTime);
        if (held)
        {
            if (!_leases.ContainsKey(shard))
            {
                logger.LogInformation("Relaying outbox shard {Shard} from {Instance}", shard, _instance);
            }

            _leases[shard] = time.GetUtcNow() + LeaseTime;
        }
        else
        {
            _leases.Remove(shard);
        }

        return held;
    }

    // Deletes relayed entries only while this replica holds the shard's lease (one round trip): a
    // replica that lost it leaves them to the new holder, which sends them again with the same ids.
    private const string DeleteIfHeld = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
        return redis.call('XDEL', KEYS[2], unpack(ARGV, 2))
        """;

    private async Task<bool> DeleteIfHeldAsync(IDatabase db, int shard, List<RedisValue> ids)
    {
        var args = new RedisValue[ids.Count + 1];
        args[0] = _instance;
        ids.CopyTo(args, 1);
        return (long)await db.ScriptEvaluateAsync(DeleteIfHeld, [RedisKeys.OutboxLease(shard), RedisKeys.Outbox(shard)], args) >= 0;
    }

    private Task<bool> StillHoldAsync(int shard) => Lease.IsHeldByAsync(redis.GetDatabase(), RedisKeys.OutboxLease(shard), _instance);

    private async Task ReleaseLeasesAsync()
    {
        foreach (var shard in _leases.Keys)
        {
            await Lease.ReleaseAsync(redis.GetDatabase(), RedisKeys.OutboxLease(shard), _instance);
        }
    }
}
