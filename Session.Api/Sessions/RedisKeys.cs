using PokerTracker.Contracts;
using PokerTracker.SharedKernel.LiveStore;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>The Redis keys and channels of the session service (those shared with other services come from <see cref="LiveStoreKeys"/>).</summary>
internal static class RedisKeys
{
    public static string Session(Guid id) => LiveStoreKeys.Session(id);
    public static string SessionLog(Guid id) => LiveStoreKeys.SessionLog(id);
    public static string SessionStack(Guid id) => LiveStoreKeys.SessionStack(id);
    public static string UserSessions(string userId) => $"pt:user:{userId}:sessions";
    public static string UserActive(string userId) => $"pt:user:{userId}:active";
    public static string UserFeed(string userId) => $"pt:user:{userId}:feed";

    /// <summary>
    /// What a player's live feed keeps: enough to resume a stream after a drop (its Last-Event-ID), not a
    /// history. About the last thousand entries, and nothing once the player has been away for two days.
    /// </summary>
    public const string FeedMaxLength = "1000";
    public const string FeedTtlSeconds = "172800";
    public static string Idempotency(string userId, string key) => $"pt:idem:{userId}:{key}";
    public static string Outbox(int shard) => $"pt:outbox:{shard}";

    /// <summary>Outbox entries Kafka refuses for good (too large), set aside so that their shard goes on.</summary>
    public const string OutboxDead = "pt:outbox:dead";
    public static string OutboxLease(int shard) => $"pt:outbox:{shard}:lease";
    public const string ReconcilerLease = "pt:analytics:reconciler:lease";
    public const string ReconcilerBackfilled = "pt:analytics:reconciler:backfilled";
    public static string LiveChannel(string userId) => $"pt:live:{userId}";
}
