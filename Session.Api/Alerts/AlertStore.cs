using System.Text.Json;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Alerts;

/// <summary>
/// Alerts and the latest tilt assessment of each session, as the relay stores them and REST,
/// GraphQL and the live streams show them: one record each, one JSON shape.
/// </summary>
public sealed class AlertStore(IConnectionMultiplexer redis)
{
    private static readonly TimeSpan AlertsTtl = TimeSpan.FromDays(30);
    private static readonly TimeSpan AssessmentTtl = TimeSpan.FromDays(2);

    // Once per alert id: the session's list, the player's feed (for resuming streams) and their live channel.
    private const string SaveScript = $$"""
        if redis.call('SET', KEYS[1], '1', 'NX', 'EX', 604800) == false then return 0 end
        redis.call('RPUSH', KEYS[2], ARGV[1])
        redis.call('EXPIRE', KEYS[2], ARGV[3])
        local feedId = redis.call('XADD', KEYS[3], 'MAXLEN', '~', '{{RedisKeys.FeedMaxLength}}', '*', 'data', ARGV[1])
        redis.call('EXPIRE', KEYS[3], {{RedisKeys.FeedTtlSeconds}})
        redis.call('PUBLISH', ARGV[2], feedId .. '\n' .. ARGV[1])
        return 1
        """;

    private IDatabase Db => redis.GetDatabase();

    internal static string AlertsKey(Guid session) => $"pt:session:{session:N}:alerts";

    internal static string AssessmentKey(Guid session) => $"pt:session:{session:N}:tilt";

    /// <summary>The once-only marker of a stored alert.</summary>
    internal static string Marker(string alertId) => $"pt:alert:{alertId}";

    /// <summary>Stores and publishes an alert; false when this alert was stored before (a redelivery).</summary>
    public async Task<bool> SaveAsync(string userId, AlertView alert)
    {
        var json = JsonSerializer.Serialize(alert, ApiJson.Options);
        return (long)await Db.ScriptEvaluateAsync(SaveScript,
            [Marker(alert.Id), AlertsKey(alert.SessionId), RedisKeys.UserFeed(userId)],
            [json, RedisKeys.LiveChannel(userId), (long)AlertsTtl.TotalSeconds]) == 1;
    }

    /// <summary>A session's alerts, oldest first.</summary>
    public async Task<IReadOnlyList<AlertView>> ListAsync(Guid session) =>
        (await Db.ListRangeAsync(AlertsKey(session))).Select(v => JsonSerializer.Deserialize<AlertView>(v.ToString(), ApiJson.Options)!).ToList();

    public Task SaveAssessmentAsync(Guid session, AssessmentView assessment) =>
        Db.StringSetAsync(AssessmentKey(session), JsonSerializer.Serialize(assessment, ApiJson.Options), AssessmentTtl);

    public async Task<AssessmentView?> LatestAssessmentAsync(Guid session)
    {
        var value = await Db.StringGetAsync(AssessmentKey(session));
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<AssessmentView>(value.ToString(), ApiJson.Options);
    }
}
