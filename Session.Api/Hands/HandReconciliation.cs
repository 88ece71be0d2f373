using Microsoft.Extensions.Options;
using PokerTracker.SessionApi.Sessions;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Hands;

/// <summary>
/// Imported hands against the analytics store, as sessions and trainings are: each batch stays in
/// the live store, pending, until the analytics store holds all its hands; a batch it lacks (a
/// broker that lost what it acknowledged, a stop before the worker consumed) is sent again, with
/// its event id, so storing it twice changes nothing. Then its bytes are dropped.
/// </summary>
internal sealed class HandReconciliation(
    IConnectionMultiplexer redis,
    HandStore store,
    HandReader reader,
    IOptions<ReconcilerOptions> options,
    TimeProvider time,
    SessionMetrics metrics,
    ILogger<HandReconciliation> logger) : IAnalyticsReconciliation
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<int> ReconcileDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await Db.SortedSetRangeByScoreAsync(HandStore.Pending, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: options.Value.BatchSize);
        if (due.Length == 0)
        {
            return 0;
        }

        var batches = new List<(string EventId, string UserId, int Count)>();
        foreach (var member in due)
        {
            if (await store.PendingBatchAsync(member.ToString()) is { } batch)
            {
                batches.Add((member.ToString(), batch.UserId, batch.Count));
            }
            else
            {
                await DoneAsync(member.ToString());
            }
        }

        var stored = await reader.StoredAsync([.. batches.Select(b => (b.UserId, b.EventId))], ct);
        foreach (var (eventId, _, count) in batches)
        {
            var held = stored.GetValueOrDefault(eventId);
            if (held >= count)
            {
                await store.ForgetBatchAsync(eventId);
                await DoneAsync(eventId);
                continue;
            }

            if (!await store.ResendAsync(eventId))
            {
                await DoneAsync(eventId); // confirmed and dropped since it was read
                continue;
            }

            metrics.Resent(1);
            logger.LogWarning("Hand batch {EventId}: the analytics store holds {Stored} of {Count} hands; sent again", eventId, held, count);
            var attempts = await Db.HashIncrementAsync(HandStore.Attempts, eventId);
            await Db.SortedSetAddAsync(HandStore.Pending, eventId, (now + options.Value.WaitAfter(attempts)).ToUnixTimeMilliseconds(), SortedSetWhen.Exists);
        }

        return due.Length;
    }

    private async Task DoneAsync(string eventId)
    {
        await Db.SortedSetRemoveAsync(HandStore.Pending, eventId);
        await Db.HashDeleteAsync(HandStore.Attempts, eventId);
    }
}
