using Microsoft.Extensions.Options;
using PokerTracker.SessionApi.Sessions;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Training;

/// <summary>
/// Training decisions against the analytics store, as sessions are: every change puts its training
/// in a pending set due a grace period later; when due, the decisions the analytics store holds are
/// counted, and if some are missing (a broker that lost what it acknowledged, a stop before the
/// worker consumed) the training's graded decisions are put in the outbox again from its event log.
/// They keep their ids and spots, so storing one twice changes nothing.
/// </summary>
internal sealed class TrainingReconciliation(
    IConnectionMultiplexer redis,
    TrainingStore store,
    TrainingReader reader,
    IOptions<ReconcilerOptions> options,
    TimeProvider time,
    SessionMetrics metrics,
    ILogger<TrainingReconciliation> logger) : IAnalyticsReconciliation
{
    // Removes a training from the pending set unless a newer change has scheduled it again meanwhile.
    private const string DoneScript = """
        local due = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if due and tonumber(due) <= tonumber(ARGV[2]) then
          redis.call('ZREM', KEYS[1], ARGV[1])
          redis.call('HDEL', KEYS[2], ARGV[1])
        end
        return 1
        """;

    private IDatabase Db => redis.GetDatabase();

    public async Task<int> ReconcileDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await Db.SortedSetRangeByScoreAsync(TrainingStore.Pending, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: options.Value.BatchSize);
        if (due.Length == 0)
        {
            return 0;
        }

        var trainings = new List<TrainingState>();
        foreach (var member in due)
        {
            if (Guid.TryParse(member.ToString(), out var id) && await store.LoadAsync(id) is { } state)
            {
                trainings.Add(state);
            }
            else
            {
                await Done(member, now); // nothing live to compare with
            }
        }

        var stored = await reader.StoredDecisionsAsync(trainings.Select(t => (t.OwnerId, t.Id)).ToList(), ct);
        foreach (var training in trainings)
        {
            var count = stored.GetValueOrDefault(training.Id);
            if (count >= training.Decisions)
            {
                await Done(training.Id.ToString(), now);
                continue;
            }

            var resent = await store.ResendDecisionsAsync(training.Id);
            metrics.Resent(resent);
            logger.LogWarning("Training {TrainingId}: the analytics store holds {Stored} of {Decisions} decisions; {Count} sent again",
                training.Id, count, training.Decisions, resent);
            var attempts = await Db.HashIncrementAsync(TrainingStore.Attempts, training.Id.ToString());
            await Db.SortedSetAddAsync(TrainingStore.Pending, training.Id.ToString(), (now + options.Value.WaitAfter(attempts)).ToUnixTimeMilliseconds(), SortedSetWhen.Exists);
        }

        return due.Length;
    }

    private async Task Done(RedisValue member, DateTimeOffset now) =>
        await Db.ScriptEvaluateAsync(DoneScript, [TrainingStore.Pending, TrainingStore.Attempts], [member, now.ToUnixTimeMilliseconds()]);
}
