using System.Diagnostics;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Hands;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Hands;

/// <summary>What the append script answered.</summary>
public enum HandAppend { Appended, AlreadyImported, PlayerFull, DayFull }

/// <summary>
/// Imported hands in the live store: which hands each player imported (site + hand id, see <see cref="Buckets"/>), and
/// — in one script, so nothing is written half — each new batch's event in the outbox, kept
/// (with a pending entry) until the analytics store holds its hands; import reports for polling.
/// </summary>
public sealed class HandStore(IConnectionMultiplexer redis, SessionStore sessions, IOptions<HandOptions> options, IOptions<ReconcilerOptions> reconciler, TimeProvider time)
{
    /// <summary>Batches written lately, scored by when the reconciler checks that the analytics store has their hands.</summary>
    public const string Pending = "pt:analytics:hands-pending";

    /// <summary>Re-sends per batch, for the reconciler's back-off.</summary>
    public const string Attempts = "pt:analytics:hands-attempts";

    private static readonly TimeSpan ReportLifetime = TimeSpan.FromDays(7);

    // KEYS: 1 player's hand set as first kept, 2 outbox stream, 3 batch hash, 4 pending set, 5 today's count, 6 player's hand count, then each hand's bucket
    // ARGV: 1 event bytes, 2 event id, 3 user id, 4 due (ms), 5 max hands kept, 6 max hands a day, 7 type, 8 topic, 9 traceparent, then each hand's key and hash
    private const string AppendScript = """
        local n = (#ARGV - 9) / 2
        for i = 1, n do
          if redis.call('SISMEMBER', KEYS[6 + i], ARGV[9 + 2 * i]) == 1 or redis.call('SISMEMBER', KEYS[1], ARGV[8 + 2 * i]) == 1 then return -1 end
        end
        if redis.call('SCARD', KEYS[1]) + tonumber(redis.call('GET', KEYS[6]) or '0') + n > tonumber(ARGV[5]) then return -2 end
        if tonumber(redis.call('GET', KEYS[5]) or '0') + n > tonumber(ARGV[6]) then return -3 end
        for i = 1, n do redis.call('SADD', KEYS[6 + i], ARGV[9 + 2 * i]) end
        redis.call('INCRBY', KEYS[6], n)
        redis.call('INCRBY', KEYS[5], n)
        redis.call('EXPIRE', KEYS[5], 172800)
        redis.call('HSET', KEYS[3], 'bytes', ARGV[1], 'user', ARGV[3], 'count', n)
        redis.call('XADD', KEYS[2], '*', 'key', ARGV[3], 'value', ARGV[1], 'traceparent', ARGV[9], 'type', ARGV[7], 'topic', ARGV[8])
        redis.call('ZADD', KEYS[4], ARGV[4], ARGV[2])
        return n
        """;

    // KEYS: 1 player's hand set as first kept, then each hand's bucket; ARGV: each hand's key and hash
    private const string ContainsScript = """
        local found = {}
        for i = 1, #ARGV / 2 do
          found[i] = (redis.call('SISMEMBER', KEYS[1 + i], ARGV[2 * i]) == 1 or redis.call('SISMEMBER', KEYS[1], ARGV[2 * i - 1]) == 1) and 1 or 0
        end
        return found
        """;

    /// <summary>
    /// How a player's imported hands are kept: each as a 64-bit hash of its key ("site|hand id"), in one of
    /// this many sets by the hash's top bits. Each set then holds a few hundred integers even at the cap of
    /// a million hands, which Redis keeps as a packed array (an intset, 8 bytes a hand; a set of the keys
    /// themselves took about 72). A collision among a million hands has odds of about 1 in 40 million.
    /// </summary>
    internal const int Buckets = 4096;

    private IDatabase Db => redis.GetDatabase();

    /// <summary>The player's hands as they were first kept (their keys, one set): still read, no longer written.</summary>
    internal static string Imported(string userId) => $"pt:user:{userId}:hands";

    internal static string Bucket(string userId, long hash) => $"pt:user:{userId}:hands:{(ulong)hash >> 52}";

    private static string Counted(string userId) => $"pt:user:{userId}:hands:count";

    internal static long Hash(string key) => unchecked((long)XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(key)));

    /// <summary>The script's keys and arguments for these hands: each one's bucket, and its key and hash.</summary>
    private static (RedisKey[] Buckets, RedisValue[] Args) Of(string userId, IReadOnlyList<string> keys)
    {
        var (buckets, args) = (new RedisKey[keys.Count], new RedisValue[keys.Count * 2]);
        for (var i = 0; i < keys.Count; i++)
        {
            var hash = Hash(keys[i]);
            (buckets[i], args[2 * i], args[2 * i + 1]) = (Bucket(userId, hash), keys[i], hash);
        }

        return (buckets, args);
    }

    internal static string Batch(string eventId) => $"pt:hands:batch:{eventId}";

    private static string Today(string userId, DateTimeOffset now) => $"pt:hands:quota:{userId}:{now:yyyyMMdd}";

    // Per player: an import id another player chose is free for this one (and says nothing about theirs).
    internal static string Report(string userId, Guid importId) => $"pt:hands:import:{userId}:{importId:N}";

    internal static string Reports(string userId) => $"pt:user:{userId}:imports";

    private static string Running(string userId) => $"pt:user:{userId}:importing";

    /// <summary>Which of the keys ("site|hand id") the player has imported already.</summary>
    public async Task<bool[]> ContainsAsync(string userId, IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        var (buckets, args) = Of(userId, keys);
        var found = (RedisResult[])(await Db.ScriptEvaluateAsync(ContainsScript, [Imported(userId), .. buckets], args))!;
        return [.. found.Select(f => (long)f == 1)];
    }

    /// <summary>Writes a batch of new hands: the keys, the event in the outbox, the pending entry — or nothing.</summary>
    public async Task<HandAppend> AppendAsync(HandEventEnvelope envelope, IReadOnlyList<string> keys)
    {
        var now = time.GetUtcNow();
        var (buckets, hands) = Of(envelope.UserId, keys);
        RedisKey[] redisKeys =
        [
            Imported(envelope.UserId), RedisKeys.Outbox(sessions.OutboxShard(Guid.Parse(envelope.EventId))), Batch(envelope.EventId), Pending,
            Today(envelope.UserId, now), Counted(envelope.UserId), .. buckets,
        ];
        RedisValue[] args =
        [
            envelope.ToByteArray(), envelope.EventId, envelope.UserId, (now + reconciler.Value.Grace).ToUnixTimeMilliseconds(),
            options.Value.MaxHandsPerPlayer, options.Value.MaxHandsPerDay, envelope.PayloadCase.ToString(), Topics.HandEvents, Activity.Current?.Id ?? "",
            .. hands,
        ];
        return (long)await Db.ScriptEvaluateAsync(AppendScript, redisKeys, args) switch
        {
            -1 => HandAppend.AlreadyImported,
            -2 => HandAppend.PlayerFull,
            -3 => HandAppend.DayFull,
            _ => HandAppend.Appended,
        };
    }

    /// <summary>
    /// A pending batch's player and number of hands, or null when it is gone: what the reconciler checks the
    /// analytics store with. Its bytes are not read (they are read only to send it again): a check of a large
    /// import's batches holds their ids, not their hands.
    /// </summary>
    public async Task<(string UserId, int Count)?> PendingBatchAsync(string eventId)
    {
        var fields = await Db.HashGetAsync(Batch(eventId), ["user", "count"]);
        return fields[0].IsNullOrEmpty ? null : (fields[0].ToString(), (int)fields[1]);
    }

    /// <summary>Puts a pending batch's event in the outbox again (same event id: storing it twice changes nothing); false when the batch is gone.</summary>
    public async Task<bool> ResendAsync(string eventId)
    {
        var bytes = (byte[]?)await Db.HashGetAsync(Batch(eventId), "bytes");
        if (bytes is null)
        {
            return false;
        }

        var envelope = HandEventEnvelope.Parser.ParseFrom(bytes);
        await Db.StreamAddAsync(RedisKeys.Outbox(sessions.OutboxShard(Guid.Parse(envelope.EventId))),
        [
            new NameValueEntry("key", envelope.UserId), new NameValueEntry("value", bytes), new NameValueEntry("traceparent", ""),
            new NameValueEntry("type", envelope.PayloadCase.ToString()), new NameValueEntry("topic", Topics.HandEvents),
        ]);
        return true;
    }

    /// <summary>The analytics store holds the batch: its bytes are no longer needed (the hand keys stay).</summary>
    public async Task ForgetBatchAsync(string eventId) => await Db.KeyDeleteAsync(Batch(eventId));

    /// <summary>How long the running mark lasts unless the import renews it: a stop in the middle frees the player within this.</summary>
    private static readonly TimeSpan RunningMark = TimeSpan.FromSeconds(30);

    public const string Interrupted = "The import was interrupted (the server stopped or the upload broke off); the hands read before are imported — send the file again to import the rest (nothing is doubled).";

    /// <summary>Marks the player's import as running; false when one is running already.</summary>
    public async Task<bool> BeginAsync(string userId, Guid importId) =>
        await Db.StringSetAsync(Running(userId), importId.ToString(), RunningMark, When.NotExists);

    /// <summary>Renews the running mark while the import lasts (its upload arriving, then its reading).</summary>
    public async Task KeepRunningAsync(string userId, Guid importId) =>
        await Db.ScriptEvaluateAsync("if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 1",
            [Running(userId)], [importId.ToString(), (long)RunningMark.TotalMilliseconds]);

    public async Task EndAsync(string userId, Guid importId)
    {
        // Only the import that holds the mark removes it.
        await Db.ScriptEvaluateAsync("if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end return 1",
            [Running(userId)], [importId.ToString()]);
    }

    /// <summary>Saves an import's report (progress while running, the outcome when done); false when the id belongs to another import.</summary>
    public async Task<bool> SaveReportAsync(string userId, HandImportReport report, bool first)
    {
        var key = Report(userId, report.Id);
        var json = JsonSerializer.Serialize(report, ApiJson.Storage);
        if (first)
        {
            if (!await Db.HashSetAsync(key, "owner", userId, When.NotExists))
            {
                return false;
            }

            await Db.SortedSetAddAsync(Reports(userId), report.Id.ToString("N"), report.StartedAt.ToUnixTimeMilliseconds());
            await Db.SortedSetRemoveRangeByRankAsync(Reports(userId), 0, -51);
            await Db.KeyExpireAsync(Reports(userId), ReportLifetime);
        }

        await Db.HashSetAsync(key, "report", json);
        await Db.KeyExpireAsync(key, ReportLifetime);
        return true;
    }

    /// <summary>An import's report; one still marked running whose import no longer runs (a stop in the middle) says so.</summary>
    public async Task<HandImportReport?> ReportAsync(string userId, Guid importId)
    {
        var fields = await Db.HashGetAsync(Report(userId, importId), ["owner", "report"]);
        if (fields[0] != userId || fields[1].IsNullOrEmpty)
        {
            return null;
        }

        var report = JsonSerializer.Deserialize<HandImportReport>(fields[1].ToString(), ApiJson.Storage)!;
        return report.Status == "running" && await Db.StringGetAsync(Running(userId)) != importId.ToString()
            ? report with { Status = "stopped", StoppedBecause = Interrupted }
            : report;
    }

    public async Task<IReadOnlyList<HandImportReport>> ReportsAsync(string userId, int limit)
    {
        var ids = await Db.SortedSetRangeByRankAsync(Reports(userId), 0, limit - 1, Order.Descending);
        var reports = await Task.WhenAll(ids.Select(id => ReportAsync(userId, Guid.ParseExact(id.ToString(), "N"))));
        return [.. reports.OfType<HandImportReport>()];
    }

    /// <summary>How many hands the player has imported in all.</summary>
    public async Task<long> CountAsync(string userId)
    {
        var counted = await Db.StringGetAsync(Counted(userId));
        return await Db.SetLengthAsync(Imported(userId)) + (counted.IsNull ? 0 : (long)counted);
    }
}
