using Google.Protobuf;
using Microsoft.Extensions.Options;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Sessions;
using StackExchange.Redis;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SharedKernel.LiveStore;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>
/// Anti-entropy between the live store (the source of truth) and the analytics store. Every change
/// puts its session in a pending set; the analytics worker takes it out once it stored that
/// version. A session still pending a while after its last change is checked here against the
/// analytics store — by version, not by payload — and whatever the analytics store lacks is put
/// in the outbox again (from the session's event log, which does not expire while pending). That
/// covers a broker that lost what it had acknowledged (the local one keeps everything in memory),
/// a stop before the workers consumed, and anything dead-lettered and fixed later. Re-sent events
/// carry their original ids and sequences, so storing them twice changes nothing. One replica
/// reconciles at a time (a lease in Redis).
/// </summary>
internal sealed class AnalyticsReconciler(
    IConnectionMultiplexer redis,
    AnalyticsStore analytics,
    SessionStore store,
    IOptions<ReconcilerOptions> options,
    TimeProvider time,
    SessionMetrics metrics,
    IEnumerable<IAnalyticsReconciliation> others,
    ILogger<AnalyticsReconciler> logger) : BackgroundService
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(30);
    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    private IDatabase Db => redis.GetDatabase();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            logger.LogWarning("The analytics reconciler is off: changes the broker loses are not sent again");
            return;
        }

        using var timer = new PeriodicTimer(o.Interval, time);
        do
        {
            try
            {
                if (await Lease.HoldAsync(Db, RedisKeys.ReconcilerLease, _instance, LeaseTime))
                {
                    await BackfillAsync();
                    while (await ReconcileDueAsync(stoppingToken) == o.BatchSize && !stoppingToken.IsCancellationRequested)
                    {
                    }

                    foreach (var other in others)
                    {
                        while (await other.ReconcileDueAsync(stoppingToken) == o.BatchSize && !stoppingToken.IsCancellationRequested)
                        {
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is RedisException or AnalyticsUnavailableException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Reconciling with the analytics store postponed: {Reason}", ex.Message);
            }
        }
        while (await Wait(timer, stoppingToken));

        await Lease.ReleaseAsync(Db, RedisKeys.ReconcilerLease, _instance);
    }

    /// <summary>Checks the sessions that are due; returns how many there were.</summary>
    internal async Task<int> ReconcileDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var due = await Db.SortedSetRangeByScoreAsync(LiveStoreKeys.AnalyticsPending, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: o.BatchSize);
        if (due.Length == 0)
        {
            return 0;
        }

        var ids = due.Select(v => Guid.TryParse(v.ToString(), out var id) ? id : Guid.Empty).ToList();
        var live = await Task.WhenAll(ids.Select(id => Db.HashGetAsync(LiveStoreKeys.Session(id), ["version", "owner"])));
        var sessions = new List<(string UserId, Guid Id, long Version)>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] == Guid.Empty || live[i][0].IsNull)
            {
                await Db.SortedSetRemoveAsync(LiveStoreKeys.AnalyticsPending, due[i]); // nothing live to keep
                continue;
            }

            sessions.Add((live[i][1].ToString(), ids[i], (long)live[i][0]));
        }

        var stored = await analytics.StoredVersionsAsync(sessions.Select(s => (s.UserId, s.Id)).ToList(), ct);
        foreach (var (_, id, version) in sessions)
        {
            var storedVersion = stored.GetValueOrDefault(id);
            if (storedVersion >= version)
            {
                await Db.ScriptEvaluateAsync(LiveStoreKeys.ConfirmScript, [.. LiveStoreKeys.ConfirmKeys(id).Select(k => (RedisKey)k)], [id.ToString(), storedVersion]);
            }
            else if (await OutboxBehindAsync(id, now))
            {
                // The relay has not delivered what the outbox holds for a while (Kafka away): copies would
                // only pile up behind it, every pass, for every session. Checked again later.
                await PostponeAsync(id, now);
            }
            else
            {
                await ResendAsync(id, storedVersion, version, now);
            }
        }

        return due.Length;
    }

    /// <summary>Whether the outbox the session's events go through holds an entry older than the grace time: the relay is not getting through.</summary>
    private async Task<bool> OutboxBehindAsync(Guid id, DateTimeOffset now)
    {
        var oldest = await Db.StreamRangeAsync(RedisKeys.Outbox(store.OutboxShard(id)), "-", "+", count: 1);
        return oldest.Length > 0 && long.TryParse(oldest[0].Id.ToString().Split('-')[0], out var ms)
            && ms < (now - options.Value.Grace).ToUnixTimeMilliseconds();
    }

    private async Task ResendAsync(Guid id, long storedVersion, long liveVersion, DateTimeOffset now)
    {
        var missing = await store.GetEventsAsync(id, storedVersion);
        if (missing.Count > 0)
        {
            await store.ResendAsync(id, missing);
            metrics.Resent(missing.Count);
            logger.LogWarning(
                "Session {SessionId}: the analytics store holds version {Stored} of {Live}; {Count} event(s) sent again",
                id, storedVersion, liveVersion, missing.Count);
        }
        else
        {
            logger.LogError("Session {SessionId}: the analytics store holds version {Stored} of {Live}, and the live log has nothing after it", id, storedVersion, liveVersion);
        }

        await PostponeAsync(id, now);
    }

    /// <summary>Check again later, waiting longer each time (a slow worker is not helped by more copies).</summary>
    private async Task PostponeAsync(Guid id, DateTimeOffset now)
    {
        var attempts = await Db.HashIncrementAsync(LiveStoreKeys.AnalyticsAttempts, id.ToString());
        await Db.SortedSetAddAsync(LiveStoreKeys.AnalyticsPending, id.ToString(), (now + options.Value.WaitAfter(attempts)).ToUnixTimeMilliseconds(), SortedSetWhen.Exists);
    }

    /// <summary>Sessions written before the pending set existed are checked once.</summary>
    private async Task BackfillAsync()
    {
        if (await Db.KeyExistsAsync(RedisKeys.ReconcilerBackfilled))
        {
            return;
        }

        var prefix = LiveStoreKeys.Session(Guid.Empty)[..^32];
        var added = 0;
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(Db.Database, prefix + "*", pageSize: 1000))
            {
                var name = key.ToString();
                if (name.Length == prefix.Length + 32 && Guid.TryParseExact(name[prefix.Length..], "N", out var id))
                {
                    added += await Db.SortedSetAddAsync(LiveStoreKeys.AnalyticsPending, id.ToString(), 0, SortedSetWhen.NotExists) ? 1 : 0;
                }
            }
        }

        await Db.StringSetAsync(RedisKeys.ReconcilerBackfilled, time.GetUtcNow().ToString("O"));
        logger.LogInformation("Reconciler: {Count} session(s) from before the pending set will be checked", added);
    }

    private static async Task<bool> Wait(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
