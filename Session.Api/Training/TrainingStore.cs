using Microsoft.Extensions.Options;
using System.Text.Json;
using Google.Protobuf;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Training;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Training;

/// <summary>
/// Training sessions in the live store: the document, its event log, the player's index, and —
/// in the same script, so nothing is written half — the outbox entries for the training-events
/// topic and the player's live feed (the same streams as sessions).
/// </summary>
public sealed class TrainingStore(IConnectionMultiplexer redis, SessionStore sessions, IOptions<ReconcilerOptions> reconciler, TimeProvider time)
{
    /// <summary>Trainings changed lately, scored by when the reconciler checks that the analytics store has their decisions.</summary>
    public const string Pending = "pt:analytics:training-pending";

    /// <summary>Re-sends per training, for the reconciler's back-off.</summary>
    public const string Attempts = "pt:analytics:training-attempts";

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    // KEYS: 1 document hash, 2 event log, 3 player's index, 4 outbox stream, 5 player's feed, 6 pending set
    // ARGV: 1 expected version, 2 new version, 3 document, 4 owner, 5 index score (ms), 6 training id,
    //       7 live channel, 8 ttl s, 9 event count, 10 when the reconciler checks (ms), then per event: bytes, feed json, type
    private const string AppendScript = $$"""
        local current = redis.call('HGET', KEYS[1], 'version') or '0'
        if current ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'doc', ARGV[3], 'version', ARGV[2], 'owner', ARGV[4])
        redis.call('ZADD', KEYS[3], ARGV[5], ARGV[6])
        redis.call('ZADD', KEYS[6], ARGV[10], ARGV[6])
        for i = 0, tonumber(ARGV[9]) - 1 do
          local at = 11 + i * 3
          redis.call('RPUSH', KEYS[2], ARGV[at])
          redis.call('XADD', KEYS[4], '*', 'key', ARGV[6], 'value', ARGV[at], 'traceparent', '', 'type', ARGV[at + 2], 'topic', 'training-events')
          local feedId = redis.call('XADD', KEYS[5], 'MAXLEN', '~', '{{RedisKeys.FeedMaxLength}}', '*', 'data', ARGV[at + 1])
          redis.call('PUBLISH', ARGV[7], feedId .. '\n' .. ARGV[at + 1])
        end
        redis.call('EXPIRE', KEYS[5], {{RedisKeys.FeedTtlSeconds}})
        redis.call('EXPIRE', KEYS[1], ARGV[8])
        redis.call('EXPIRE', KEYS[2], ARGV[8])
        return 1
        """;

    private IDatabase Db => redis.GetDatabase();

    internal static string Doc(Guid id) => $"pt:training:{id:N}";

    internal static string Log(Guid id) => $"pt:training:{id:N}:log";

    internal static string Index(string userId) => $"pt:user:{userId}:trainings";

    public async Task<TrainingState?> LoadAsync(Guid id)
    {
        var doc = await Db.HashGetAsync(Doc(id), "doc");
        return doc.IsNullOrEmpty ? null : JsonSerializer.Deserialize<TrainingState>(doc.ToString(), ApiJson.Storage);
    }

    /// <summary>Appends events written against <paramref name="expectedVersion"/>; false when the training changed meanwhile.</summary>
    public async Task<bool> AppendAsync(TrainingState state, long expectedVersion, IReadOnlyList<TrainingEventEnvelope> events, IReadOnlyList<string> feedJson)
    {
        RedisKey[] keys = [Doc(state.Id), Log(state.Id), Index(state.OwnerId), RedisKeys.Outbox(sessions.OutboxShard(state.Id)), RedisKeys.UserFeed(state.OwnerId), Pending];
        var args = new List<RedisValue>
        {
            expectedVersion, state.Version, JsonSerializer.Serialize(state, ApiJson.Storage), state.OwnerId, state.StartedAt.ToUnixTimeMilliseconds(),
            state.Id.ToString(), RedisKeys.LiveChannel(state.OwnerId), (long)Lifetime.TotalSeconds, events.Count,
            (time.GetUtcNow() + reconciler.Value.Grace).ToUnixTimeMilliseconds(),
        };
        for (var i = 0; i < events.Count; i++)
        {
            args.Add(events[i].ToByteArray());
            args.Add(feedJson[i]);
            args.Add(events[i].PayloadCase.ToString());
        }

        return (long)await Db.ScriptEvaluateAsync(AppendScript, keys, [.. args]) == 1;
    }

    /// <summary>The player's training sessions, newest first.</summary>
    public async Task<IReadOnlyList<TrainingState>> ListAsync(string userId, int limit)
    {
        var ids = await Db.SortedSetRangeByRankAsync(Index(userId), 0, limit - 1, Order.Descending);
        var docs = await Task.WhenAll(ids.Select(id => Db.HashGetAsync(Doc(Guid.Parse(id.ToString())), "doc")));
        return docs.Where(d => !d.IsNullOrEmpty).Select(d => JsonSerializer.Deserialize<TrainingState>(d.ToString(), ApiJson.Storage)!).ToList();
    }

    /// <summary>Puts a training's graded decisions in the outbox again, from its event log; how many.</summary>
    public async Task<int> ResendDecisionsAsync(Guid id)
    {
        var decisions = (await Db.ListRangeAsync(Log(id)))
            .Select(bytes => TrainingEventEnvelope.Parser.ParseFrom((byte[])bytes!))
            .Where(e => e.PayloadCase == TrainingEventEnvelope.PayloadOneofCase.DecisionMade)
            .ToList();
        var batch = Db.CreateBatch();
        var sends = decisions.Select(e => batch.StreamAddAsync(RedisKeys.Outbox(sessions.OutboxShard(id)),
        [
            new NameValueEntry("key", id.ToString()), new NameValueEntry("value", e.ToByteArray()), new NameValueEntry("traceparent", ""),
            new NameValueEntry("type", e.PayloadCase.ToString()), new NameValueEntry("topic", Topics.TrainingEvents),
        ])).ToList();
        batch.Execute();
        await Task.WhenAll(sends);
        return decisions.Count;
    }

    /// <summary>What a player did today (UTC) and counts against a daily quota: graded decisions, started drills.</summary>
    public enum Quota
    {
        Decisions,
        Starts,
    }

    /// <summary>Counts one more today (UTC) and says how many that makes.</summary>
    public async Task<long> CountAsync(Quota quota, string userId, DateTimeOffset now)
    {
        var key = QuotaKey(quota, userId, now);
        var count = await Db.StringIncrementAsync(key);
        if (count == 1)
        {
            await Db.KeyExpireAsync(key, TimeSpan.FromDays(2));
        }

        return count;
    }

    /// <summary>Takes back a count whose action did not happen (refused, or failed).</summary>
    /// <summary>How many were counted today (UTC), counting none.</summary>
    public async Task<long> CountedTodayAsync(Quota quota, string userId, DateTimeOffset now) => (long?)await Db.StringGetAsync(QuotaKey(quota, userId, now)) ?? 0;

    public async Task UncountAsync(Quota quota, string userId, DateTimeOffset now) => await Db.StringDecrementAsync(QuotaKey(quota, userId, now));

    private static string QuotaKey(Quota quota, string userId, DateTimeOffset now) =>
        quota == Quota.Decisions ? $"pt:training:quota:{userId}:{now:yyyyMMdd}" : $"pt:training:starts:{userId}:{now:yyyyMMdd}";

    /// <summary>Remembers a mistake for the "my leaks" drill (seat, stack to the bb, hand class).</summary>
    public async Task RememberMistakeAsync(string userId, string seat, double stack, string handClass)
    {
        var key = $"pt:training:leaks:{userId}";
        await Db.SortedSetIncrementAsync(key, $"{seat}|{Math.Round(stack):0}|{handClass}", 1);
        await Db.SortedSetRemoveRangeByRankAsync(key, 0, -501); // the 500 most frequent are plenty
        await Db.KeyExpireAsync(key, TimeSpan.FromDays(90));
    }

    public async Task<IReadOnlyList<(string Seat, double Stack, string HandClass, double Weight)>> MistakesAsync(string userId)
    {
        var entries = await Db.SortedSetRangeByRankWithScoresAsync($"pt:training:leaks:{userId}", 0, -1, Order.Descending);
        return entries.Select(e => e.Element.ToString().Split('|')).Zip(entries, (p, e) => (p[0], double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), p[2], e.Score)).ToList();
    }
}
