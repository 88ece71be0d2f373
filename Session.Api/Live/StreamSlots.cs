using StackExchange.Redis;

namespace PokerTracker.SessionApi.Live;

/// <summary>
/// The cap on a player's open live streams, counted in Redis so it holds across replicas and
/// taken atomically (no two streams can both slip under the cap). A slot lives while its stream
/// renews it; a replica that dies leaves slots that lapse within a minute.
/// </summary>
public sealed class StreamSlots(IConnectionMultiplexer redis, TimeProvider time)
{
    public static readonly TimeSpan SlotLifetime = TimeSpan.FromSeconds(60);

    private const string TakeScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        return 1
        """;

    private static string Key(string userId) => $"pt:streams:{userId}";

    /// <summary>Takes a slot for a new stream; false when the player already has <paramref name="max"/> open.</summary>
    public async Task<bool> TryTakeAsync(string userId, string slot, int max)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return (long)await redis.GetDatabase().ScriptEvaluateAsync(TakeScript, [Key(userId)],
            [now, max, now + (long)SlotLifetime.TotalMilliseconds, slot, (long)SlotLifetime.TotalMilliseconds]) == 1;
    }

    public async Task RenewAsync(string userId, string slot)
    {
        var db = redis.GetDatabase();
        await db.SortedSetAddAsync(Key(userId), slot, time.GetUtcNow().ToUnixTimeMilliseconds() + SlotLifetime.TotalMilliseconds, SortedSetWhen.Exists);
        await db.KeyExpireAsync(Key(userId), SlotLifetime);
    }

    public async Task ReleaseAsync(string userId, string slot)
    {
        try
        {
            await redis.GetDatabase().SortedSetRemoveAsync(Key(userId), slot);
        }
        catch (RedisException)
        {
            // It lapses by itself.
        }
    }
}
