using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PokerTracker.Clients.Redis;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Accounts;

/// <summary>
/// Accounts deleted recently enough that an access token issued before the deletion may still be
/// valid (the token lifetime and its clock skew, plus a margin), kept in memory on every replica, so
/// that the check made on every authenticated request is a lookup, not a round trip to Redis.
/// <list type="bullet">
/// <item>A deletion is known at once on the replica that made it, and on the others when its message
/// arrives (Redis pub/sub, milliseconds later: the same moment a check in Redis would see it).</item>
/// <item>Every few seconds, and whenever the subscription was lost, the replica reads the recent
/// deletions again from Redis, so a message missed while disconnected is not missed for long.</item>
/// <item>Until that read succeeded after subscribing, and from the moment any connection to Redis
/// fails until the next such read, each check asks Redis's set of deleted accounts as before
/// (<see cref="DeletedAccounts"/>).</item>
/// </list>
/// </summary>
public sealed class RecentDeletions(
    IConnectionMultiplexer redis, DeletedAccounts tombstones, IOptions<AuthOptions> auth, TimeProvider time, ILogger<RecentDeletions> logger)
    : BackgroundService
{
    /// <summary>Sorted set: account id → when it was deleted (ms); trimmed to <see cref="Window"/> by each deletion.</summary>
    public const string Recent = "pt:accounts:deleted-recently";

    /// <summary>Pub/sub channel: each deletion's account id.</summary>
    public static readonly RedisChannel Channel = RedisChannel.Literal("pt:accounts:deletions");

    private static readonly TimeSpan Reconcile = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, long> _deleted = new(StringComparer.Ordinal);
    private readonly ISubscriber _subscriber = redis.GetSubscriber();
    private volatile bool _current;

    /// <summary>How long a deletion must be remembered: the longest an access token issued just before it stays valid, with a margin.</summary>
    public TimeSpan Window => auth.Value.AccessTokenLifetime + AccessTokens.ClockSkew + TimeSpan.FromMinutes(1);

    /// <summary>True when the account was deleted (and so its access tokens are refused).</summary>
    public ValueTask<bool> IsDeletedAsync(string userId) =>
        _current ? ValueTask.FromResult(_deleted.ContainsKey(userId)) : new(tombstones.IsDeletedAsync(userId));

    /// <summary>What one deletion adds to its transaction: the recent set, trimmed, and the message to the other replicas.</summary>
    public void AddTo(ITransaction tx, string userId)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        _ = tx.SortedSetAddAsync(Recent, userId, now);
        _ = tx.SortedSetRemoveRangeByScoreAsync(Recent, double.NegativeInfinity, now - (long)Window.TotalMilliseconds);
        _ = tx.PublishAsync(Channel, userId);
    }

    /// <summary>A deletion this replica made: known here at once, before its answer leaves.</summary>
    public void Deleted(string userId) => _deleted[userId] = time.GetUtcNow().ToUnixTimeMilliseconds();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionFailed += (_, _) => _current = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!_current)
                {
                    // Subscribed before the read, so a deletion made in between is caught by one or the other.
                    await _subscriber.UnsubscribeAsync(Channel);
                    (await _subscriber.SubscribeAsync(Channel)).OnMessage(m => Deleted(m.Message.ToString()));
                }

                await ReadAsync();
                _current = true;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                _current = false;
                logger.LogWarning("Recent account deletions not read ({Reason}); each request asks Redis until they are", ex.Message);
            }

            try
            {
                await Task.Delay(Reconcile, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task ReadAsync()
    {
        var since = time.GetUtcNow() - Window;
        var recent = await redis.GetDatabase().SortedSetRangeByScoreWithScoresAsync(Recent, since.ToUnixTimeMilliseconds());
        foreach (var entry in recent)
        {
            _deleted[entry.Element.ToString()] = (long)entry.Score;
        }

        foreach (var (id, at) in _deleted)
        {
            if (at < since.ToUnixTimeMilliseconds())
            {
                _deleted.TryRemove(id, out _);
            }
        }
    }
}
