namespace PokerTracker.SessionApi.Infrastructure;

/// <summary>Every Redis key and channel the session service uses, in one place.</summary>
internal static class RedisKeys
{
    public static string Session(Guid id) => $"pt:session:{id:N}";
    public static string SessionLog(Guid id) => $"pt:session:{id:N}:log";
    public static string SessionStack(Guid id) => $"pt:session:{id:N}:stack";
    public static string UserSessions(string userId) => $"pt:user:{userId}:sessions";
    public static string UserActive(string userId) => $"pt:user:{userId}:active";
    public static string UserFeed(string userId) => $"pt:user:{userId}:feed";
    public static string Idempotency(string userId, string key) => $"pt:idem:{userId}:{key}";
    public static string Outbox(int shard) => $"pt:outbox:{shard}";
    public static string OutboxLease(int shard) => $"pt:outbox:{shard}:lease";
    public static string LiveChannel(string userId) => $"pt:live:{userId}";
    public const string LiveChannelPattern = "pt:live:*";
    public const string LiveChannelPrefix = "pt:live:";
}
