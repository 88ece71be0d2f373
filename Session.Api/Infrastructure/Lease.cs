using StackExchange.Redis;

namespace PokerTracker.SessionApi.Infrastructure;

/// <summary>A lease in Redis: work that one replica at a time does (relaying an outbox shard, reconciling).</summary>
internal static class Lease
{
    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) and 1 or 0
        """;

    private const string ReleaseScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    /// <summary>Takes the lease, or renews it when <paramref name="holder"/> has it; false when someone else does.</summary>
    public static async Task<bool> HoldAsync(IDatabase db, string key, string holder, TimeSpan time) =>
        (long)(await db.ScriptEvaluateAsync(RenewScript, [key], [holder, (long)time.TotalMilliseconds])) == 1;

    public static async Task<bool> IsHeldByAsync(IDatabase db, string key, string holder) => await db.StringGetAsync(key) == holder;

    /// <summary>Gives the lease up if <paramref name="holder"/> has it; otherwise it simply expires.</summary>
    public static async Task ReleaseAsync(IDatabase db, string key, string holder)
    {
        try
        {
            await db.ScriptEvaluateAsync(ReleaseScript, [key], [holder]);
        }
        catch (RedisException)
        {
            // It expires by itself.
        }
    }
}
