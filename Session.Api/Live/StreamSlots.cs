using StackExchange.Redis;

namespace PokerTracker.SessionApi.Live;

/// <summary>
/// The cap on a player's open live streams, counted in Redis so it holds across replicas and
/// taken atomically (no two streams can both slip under the cap). A slot lives while its stream
/// renews it; a replica that dies leaves slots that lapse within a minute. A stream that says which
/// page of which device it is for (<c>X-Stream-Key</c>) takes the place of that page's earlier one:
/// a phone whose Wi-Fi dropped cannot tell the server its old streams are gone (they would hold their
/// slots until TCP gives up, many minutes), and the old stream ends at its next renewal.
/// </summary>
public sealed class StreamSlots(IConnectionMultiplexer redis, TimeProvider time)
{
    public static readonly TimeSpan SlotLifetime = TimeSpan.FromSeconds(60);

    private const string TakeScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
        if ARGV[6] ~= '' then
          for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
            if string.sub(m, 1, #ARGV[6]) == ARGV[6] then redis.call('ZREM', KEYS[1], m) end
          end
        end
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        return 1
        """;

    private const string RenewScript = """
        if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
        redis.call('ZADD', KEYS[1], 'XX', ARGV[2], ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    private static string Key(string userId) => $"pt:streams:{userId}";

    /// <summary>A new slot's name: "<paramref name="owner"/>|id", or just an id for a stream that names no owner.</summary>
    public static string NewSlot(string? owner) => (owner is null ? "" : owner + "|") + Guid.NewGuid().ToString("N");

    /// <summary>
    /// Takes a slot for a new stream, in place of any other of the same owner (the part of <paramref name="slot"/>
    /// before '|'); false when the player already has <paramref name="max"/> others open.
    /// </summary>
    public async Task<bool> TryTakeAsync(string userId, string slot, int max)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var owner = slot.LastIndexOf('|') is var bar and > 0 ? slot[..(bar + 1)] : "";
        return (long)await redis.GetDatabase().ScriptEvaluateAsync(TakeScript, [Key(userId)],
            [now, max, now + (long)SlotLifetime.TotalMilliseconds, slot, (long)SlotLifetime.TotalMilliseconds, owner]) == 1;
    }

    /// <summary>Keeps the slot; false when it is no longer the stream's (a newer stream of its owner took its place, or it lapsed).</summary>
    public async Task<bool> RenewAsync(string userId, string slot) =>
        (long)await redis.GetDatabase().ScriptEvaluateAsync(RenewScript, [Key(userId)],
            [slot, time.GetUtcNow().ToUnixTimeMilliseconds() + (long)SlotLifetime.TotalMilliseconds, (long)SlotLifetime.TotalMilliseconds]) == 1;

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
