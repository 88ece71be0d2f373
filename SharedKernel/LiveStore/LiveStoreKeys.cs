namespace PokerTracker.SharedKernel.LiveStore;

/// <summary>
/// The live store's (Redis) keys that more than one service touches: Session.Api writes sessions,
/// Analytics.Worker confirms what the analytics store holds, so that the live copy may expire.
/// </summary>
public static class LiveStoreKeys
{
    public static string Session(Guid id) => $"pt:session:{id:N}";

    public static string SessionLog(Guid id) => $"pt:session:{id:N}:log";

    public static string SessionStack(Guid id) => $"pt:session:{id:N}:stack";

    /// <summary>Bumped for a player whenever the analytics store changed their data (statistics caches key on it).</summary>
    public static string StatsVersion(string userId) => $"pt:stats-version:{userId}";

    /// <summary>
    /// Sessions whose latest version the analytics store may not hold yet (sorted set: member the
    /// session id, score the Unix time in ms at which the reconciler should check it). Their live
    /// copy does not expire while they are in it.
    /// </summary>
    public const string AnalyticsPending = "pt:analytics:pending";

    /// <summary>How often the reconciler sent a pending session again (hash: session id → attempts).</summary>
    public const string AnalyticsAttempts = "pt:analytics:attempts";

    /// <summary>
    /// Marks that the analytics store holds a session up to a version: the session leaves
    /// <see cref="AnalyticsPending"/> and its live copy gets the TTL its status calls for (the hash's
    /// 'ttl' field) — unless it changed since, then it stays pending.
    /// KEYS: session hash, event log, stack series, pending set, attempts hash. ARGV: session id, stored version.
    /// Returns 1 when confirmed, 0 when the live store is ahead.
    /// </summary>
    public const string ConfirmScript = """
        local live = redis.call('HGET', KEYS[1], 'version')
        if live and tonumber(live) > tonumber(ARGV[2]) then return 0 end
        redis.call('ZREM', KEYS[4], ARGV[1])
        redis.call('HDEL', KEYS[5], ARGV[1])
        if live then
          local ttl = tonumber(redis.call('HGET', KEYS[1], 'ttl') or '2592000')
          redis.call('EXPIRE', KEYS[1], ttl)
          redis.call('EXPIRE', KEYS[2], ttl)
          redis.call('EXPIRE', KEYS[3], ttl)
        end
        return 1
        """;

    /// <summary>The keys <see cref="ConfirmScript"/> takes, for one session.</summary>
    public static string[] ConfirmKeys(Guid id) => [Session(id), SessionLog(id), SessionStack(id), AnalyticsPending, AnalyticsAttempts];
}
