using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using PokerTracker.Clients.Redis;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Accounts;

/// <summary>
/// Access tokens refused before they expire, kept in memory on every replica, so that the check made
/// on every authenticated request is a lookup, not a round trip to Redis: every token of an account
/// deleted recently, and the tokens an account's "sign out everywhere" or password change revoked
/// (those issued before it). Recently means while a token issued just before can still be valid
/// (the token lifetime and its clock skew, plus a margin).
/// <list type="bullet">
/// <item>A revocation is known at once on the replica that made it, and on the others when its message
/// arrives (Redis pub/sub, milliseconds later: the same moment a check in Redis would see it).</item>
/// <item>Every few seconds, and whenever the subscription was lost, the replica reads the recent
/// revocations again from Redis, so a message missed while disconnected is not missed for long.</item>
/// <item>Until that read succeeded after subscribing, and from the moment any connection to Redis
/// fails until the next such read, each check asks Redis (<see cref="DeletedAccounts"/>, and the
/// recent sign-outs).</item>
/// </list>
/// A sign-out refuses the tokens issued before it to the millisecond, so that the tokens it gives
/// the device that asked (a password change) are not refused.
/// </summary>
public sealed class RecentRevocations(
    IConnectionMultiplexer redis, DeletedAccounts tombstones, IOptions<AuthOptions> auth, TimeProvider time, ILogger<RecentRevocations> logger)
    : BackgroundService
{
    /// <summary>Sorted set: account id → when it was deleted (ms); trimmed to <see cref="Window"/> by each deletion.</summary>
    public const string Recent = "pt:accounts:deleted-recently";

    /// <summary>Sorted set: account id → when it was signed out everywhere (ms): tokens issued from then on are valid; trimmed like <see cref="Recent"/>.</summary>
    public const string SignedOut = "pt:accounts:signed-out-recently";

    /// <summary>Pub/sub channel: each deletion's account id.</summary>
    public static readonly RedisChannel Channel = RedisChannel.Literal("pt:accounts:deletions");

    /// <summary>Pub/sub channel: each sign-out as "account id|ms".</summary>
    public static readonly RedisChannel SignOutChannel = RedisChannel.Literal("pt:accounts:sign-outs");

    private static readonly TimeSpan Reconcile = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, long> _deleted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _signedOut = new(StringComparer.Ordinal);
    private readonly ISubscriber _subscriber = redis.GetSubscriber();
    private volatile bool _current;

    /// <summary>How long a revocation must be remembered: the longest an access token issued just before it stays valid, with a margin.</summary>
    public TimeSpan Window => auth.Value.AccessTokenLifetime + auth.Value.AccessTokenClockSkew + TimeSpan.FromMinutes(1);

    /// <summary>True when the account was deleted (and so its streams end).</summary>
    public ValueTask<bool> IsDeletedAsync(string userId) =>
        _current ? ValueTask.FromResult(_deleted.ContainsKey(userId)) : new(tombstones.IsDeletedAsync(userId));

    /// <summary>Why a token of the account issued then is refused (deleted, signed out since), or null when it is not.</summary>
    public async ValueTask<string?> RefusalAsync(string userId, DateTimeOffset issuedAt)
    {
        if (await IsDeletedAsync(userId))
        {
            return "This account was deleted.";
        }

        var from = _current
            ? _signedOut.TryGetValue(userId, out var known) ? known : (long?)null
            : (long?)await redis.GetDatabase().SortedSetScoreAsync(SignedOut, userId);
        return from is { } validFrom && issuedAt.ToUnixTimeMilliseconds() < validFrom ? "Signed out everywhere since this token was issued." : null;
    }

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

    /// <summary>
    /// Refuses the account's access tokens issued before now, on every replica: known here at once,
    /// on the others by the message. Its refresh tokens are revoked by the caller.
    /// </summary>
    public async Task SignOutEverywhereAsync(string userId)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var validFrom = now;
        var tx = redis.GetDatabase().CreateTransaction();
        _ = tx.SortedSetAddAsync(SignedOut, userId, validFrom);
        _ = tx.SortedSetRemoveRangeByScoreAsync(SignedOut, double.NegativeInfinity, now - (long)Window.TotalMilliseconds);
        _ = tx.PublishAsync(SignOutChannel, string.Create(CultureInfo.InvariantCulture, $"{userId}|{validFrom}"));
        await tx.ExecuteAsync();
        SignedOutSince(userId, validFrom);
    }

    private void SignedOutSince(string userId, long validFrom) => _signedOut.AddOrUpdate(userId, validFrom, (_, known) => Math.Max(known, validFrom));

    private void OnSignOut(string message)
    {
        var bar = message.LastIndexOf('|');
        if (bar > 0 && long.TryParse(message.AsSpan(bar + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var validFrom))
        {
            SignedOutSince(message[..bar], validFrom);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionFailed += (_, _) => _current = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!_current)
                {
                    // Subscribed before the read, so a revocation made in between is caught by one or the other.
                    await _subscriber.UnsubscribeAsync(Channel);
                    await _subscriber.UnsubscribeAsync(SignOutChannel);
                    (await _subscriber.SubscribeAsync(Channel)).OnMessage(m => Deleted(m.Message.ToString()));
                    (await _subscriber.SubscribeAsync(SignOutChannel)).OnMessage(m => OnSignOut(m.Message.ToString()));
                }

                await ReadAsync();
                _current = true;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                _current = false;
                logger.LogWarning("Recent account deletions and sign-outs not read ({Reason}); each request asks Redis until they are", ex.Message);
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
        var since = (time.GetUtcNow() - Window).ToUnixTimeMilliseconds();
        var db = redis.GetDatabase();
        foreach (var entry in await db.SortedSetRangeByScoreWithScoresAsync(Recent, since))
        {
            _deleted[entry.Element.ToString()] = (long)entry.Score;
        }

        foreach (var entry in await db.SortedSetRangeByScoreWithScoresAsync(SignedOut, since))
        {
            SignedOutSince(entry.Element.ToString(), (long)entry.Score);
        }

        Forget(_deleted, since);
        Forget(_signedOut, since);
    }

    private static void Forget(ConcurrentDictionary<string, long> known, long before)
    {
        foreach (var (id, at) in known)
        {
            if (at < before)
            {
                known.TryRemove(id, out _);
            }
        }
    }
}
