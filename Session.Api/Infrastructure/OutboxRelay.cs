using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PokerTracker.Contracts;
using PokerTracker.ServiceDefaults.Kafka;
using PokerTracker.SessionApi.Sessions;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Infrastructure;

/// <summary>
/// Publishes the outbox to Kafka. The outbox is split into shards (by session); each shard is
/// relayed by exactly one replica at a time, holding a lease in Redis, so a session's events
/// reach Kafka in order. Entries are deleted only after Kafka acknowledged them (idempotent
/// producer, acks=all); a replica that dies leaves its entries in place, and whoever takes the
/// lease after it expires publishes them (duplicates are possible then, and carry the same event id).
/// </summary>
internal sealed class OutboxRelay(
    IConnectionMultiplexer redis,
    KafkaConnection kafka,
    IOptions<SessionStoreOptions> options,
    SessionMetrics metrics,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    public static readonly ActivitySource Source = new("PokerTracker");
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(10);
    private const int BatchSize = 500;

    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) and 1 or 0
        """;

    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly Dictionary<int, DateTimeOffset> _leases = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var config = kafka.ProducerConfig();
        config.MessageTimeoutMs = 15_000;
        using var producer = new ProducerBuilder<string, byte[]>(config).Build();
        var shards = options.Value.OutboxShards;
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            var relayed = 0;
            var failed = false;
            for (var shard = 0; shard < shards; shard++)
            {
                try
                {
                    if (await HoldLeaseAsync(shard))
                    {
                        relayed += await RelayShardAsync(shard, producer, stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is ProduceException<string, byte[]> or KafkaException or RedisException or TimeoutException)
                {
                    failed = true;
                    logger.LogWarning("Outbox shard {Shard} not relayed yet: {Reason}", shard, ex.Message);
                }
            }

            backoff = failed ? TimeSpan.FromMilliseconds(Math.Min(5_000, Math.Max(200, backoff.TotalMilliseconds * 2))) : TimeSpan.Zero;
            var pause = failed ? backoff : relayed == 0 ? TimeSpan.FromMilliseconds(15) : TimeSpan.Zero;
            if (pause > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(pause, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await ReleaseLeasesAsync();
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
            catch (ProduceException<string, byte[]> ex)
            {
                // Keep order: nothing after the first failure is deleted; it is sent again.
                failure ??= ex;
            }
        }

        if (delivered.Count > 0 && await StillHoldAsync(shard))
        {
            await db.StreamDeleteAsync(RedisKeys.Outbox(shard), [.. delivered]);
            metrics.Relayed(delivered.Count);
        }

        if (failure is not null)
        {
            throw failure;
        }

        return delivered.Count;
    }

    private static Task<DeliveryResult<string, byte[]>> PublishAsync(IProducer<string, byte[]> producer, StreamEntry entry)
    {
        var traceparent = entry["traceparent"].ToString();
        ActivityContext.TryParse(traceparent, null, out var parent);
        using var activity = Source.StartActivity("session-events publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", Topics.SessionEvents);
        activity?.SetTag("messaging.kafka.message.key", entry["key"].ToString());
        var headers = new Headers { { "event-type", Encoding.UTF8.GetBytes(entry["type"].ToString()) } };
        if ((activity?.Id ?? traceparent) is { Length: > 0 } context)
        {
            headers.Add("traceparent", Encoding.UTF8.GetBytes(context));
        }

        return producer.ProduceAsync(Topics.SessionEvents, new Message<string, byte[]>
        {
            Key = entry["key"].ToString(),
            Value = (byte[])entry["value"]!,
            Headers = headers,
        });
    }

    private async Task<bool> HoldLeaseAsync(int shard)
    {
        if (_leases.TryGetValue(shard, out var until) && until - DateTimeOffset.UtcNow > LeaseTime / 2)
        {
            return true;
        }

        var held = (long)(await redis.GetDatabase().ScriptEvaluateAsync(RenewScript, [RedisKeys.OutboxLease(shard)], [_instance, (long)LeaseTime.TotalMilliseconds])) == 1;
        if (held)
        {
            if (!_leases.ContainsKey(shard))
            {
                logger.LogInformation("Relaying outbox shard {Shard} from {Instance}", shard, _instance);
            }

            _leases[shard] = DateTimeOffset.UtcNow + LeaseTime;
        }
        else
        {
            _leases.Remove(shard);
        }

        return held;
    }

    private async Task<bool> StillHoldAsync(int shard) =>
        await redis.GetDatabase().StringGetAsync(RedisKeys.OutboxLease(shard)) == _instance;

    private async Task ReleaseLeasesAsync()
    {
        foreach (var shard in _leases.Keys)
        {
            try
            {
                await redis.GetDatabase().ScriptEvaluateAsync(
                    "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
                    [RedisKeys.OutboxLease(shard)], [_instance]);
            }
            catch (RedisException)
            {
                // The lease simply expires.
            }
        }
    }
}
