using Google.Protobuf;
using PokerTracker.Clients.Redis;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using PokerTracker.SessionApi.Alerts;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SharedKernel.LiveStore;
using PokerTracker.SharedKernel.Tilt;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Accounts;

/// <summary>
/// Deletes an account and every trace of it in the live store; the analytics store's rows are
/// deleted by Analytics.Worker from the queued request (<see cref="DeletedAccounts.Requests"/>).
/// The account ends first, in one step with a sweep booked for a little later (<see cref="AccountSweeper"/>);
/// from then on its tokens are refused. Its data is then swept at once, and again when the booked sweep
/// comes due: that one also takes a change that another device had in flight, and does the work when the
/// first sweep failed or its replica stopped.
/// </summary>
public sealed partial class AccountDeletion(
    IConnectionMultiplexer redis, UserStore users, RefreshTokenStore refresh, Training.Leaderboards leaderboards,
    IConfiguration configuration, TimeProvider time, ILogger<AccountDeletion> logger)
{
    private const int DeadLetterPage = 500;

    private IDatabase Db => redis.GetDatabase();

    public async Task DeleteAsync(UserAccount account)
    {
        await refresh.RevokeAllAsync(account.Id);
        await users.DeleteAsync(account, time.GetUtcNow() + AccountSweeper.SweepAgainAfter(configuration));
        try
        {
            LogDeleted(logger, account.Id, await SweepAsync(account.Id));
        }
        catch (Exception ex)
        {
            // The account is gone and its sweep is booked: the player is answered as deleted, and the data follows.
            LogSweepBooked(logger, account.Id, ex);
        }
    }

    /// <summary>Deletes every key of the player; idempotent. Returns how many keys went.</summary>
    public async Task<long> SweepAsync(string userId)
    {
        long deleted = 0;
        var sessions = (await Db.SortedSetRangeByRankAsync(RedisKeys.UserSessions(userId))).Select(v => Guid.Parse(v.ToString())).ToList();
        foreach (var chunk in sessions.Chunk(200))
        {
            var alertIds = await Task.WhenAll(chunk.Select(async s => await Db.ListRangeAsync(AlertStore.AlertsKey(s))));
            RedisKey[] keys =
            [
                .. chunk.SelectMany(s => new RedisKey[]
                {
                    RedisKeys.Session(s), RedisKeys.SessionLog(s), RedisKeys.SessionStack(s), AlertStore.AlertsKey(s),
                    AlertStore.AssessmentKey(s), SessionGuards.SessionKey(s),
                }.Concat(TiltKeys.OfSession(s.ToString()).Select(k => (RedisKey)k))), // Tilt.Worker's features of the session
                .. alertIds.SelectMany(list => list).Select(AlertKey).OfType<string>().Select(k => (RedisKey)k),
            ];
            deleted += await Db.KeyDeleteAsync(keys);
            var members = chunk.Select(s => (RedisValue)s.ToString()).ToArray();
            await Db.SortedSetRemoveAsync(LiveStoreKeys.AnalyticsPending, members);
            await Db.HashDeleteAsync(LiveStoreKeys.AnalyticsAttempts, members);
            await Db.SortedSetRemoveAsync(TiltKeys.ActiveSessions, [.. chunk.Select(sid => (RedisValue)$"{userId}|{sid}")]);
        }

        foreach (var training in await Db.SortedSetRangeByRankAsync(Training.TrainingStore.Index(userId)))
        {
            var id = Guid.Parse(training.ToString());
            deleted += await Db.KeyDeleteAsync([Training.TrainingStore.Doc(id), Training.TrainingStore.Log(id)]);
            await Db.SortedSetRemoveAsync(Training.TrainingStore.Pending, training);
        }

        foreach (var import in await Db.SortedSetRangeByRankAsync(Hands.HandStore.Reports(userId)))
        {
            deleted += await Db.KeyDeleteAsync(Hands.HandStore.Report(userId, Guid.Parse(import.ToString()))) ? 1 : 0;
        }

        // Hands still waiting for the analytics store: their batches name the player.
        foreach (var batch in await Db.SortedSetRangeByRankAsync(Hands.HandStore.Pending))
        {
            var key = Hands.HandStore.Batch(batch.ToString());
            if (await Db.HashGetAsync(key, "user") == userId)
            {
                deleted += await Db.KeyDeleteAsync(key) ? 1 : 0;
                await Db.SortedSetRemoveAsync(Hands.HandStore.Pending, batch);
            }
        }

        await leaderboards.SetProfileAsync(userId, new Training.LeaderboardProfile(false));
        deleted += await SweepDeadLettersAsync(userId);

        // Everything else is named after the player: their indexes, feed, limits, guards, quotas.
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            var named = new List<RedisKey>();
            await foreach (var key in server.KeysAsync(Db.Database, $"*{userId}*", pageSize: 1000))
            {
                named.Add(key);
            }

            foreach (var chunk in named.Chunk(500))
            {
                deleted += await Db.KeyDeleteAsync(chunk);
            }
        }

        return deleted;
    }

    /// <summary>The player's events among those Kafka refused for good, set aside for a person to look at.</summary>
    private async Task<long> SweepDeadLettersAsync(string userId)
    {
        var theirs = new List<RedisValue>();
        RedisValue from = "-";
        StreamEntry[] page;
        do
        {
            page = await Db.StreamRangeAsync(RedisKeys.OutboxDead, from, "+", DeadLetterPage);
            theirs.AddRange(page.Where(e => OwnerOf(e) == userId).Select(e => e.Id));
            from = page.Length == 0 ? from : "(" + page[^1].Id; // after the last one read
        }
        while (page.Length == DeadLetterPage);

        return theirs.Count == 0 ? 0 : await Db.StreamDeleteAsync(RedisKeys.OutboxDead, [.. theirs]);
    }

    /// <summary>Whose event an outbox entry carries, by the envelope its topic holds.</summary>
    private static string? OwnerOf(StreamEntry entry)
    {
        var fields = OutboxFields.Read(entry);
        try
        {
            return fields.Topic switch
            {
                Topics.TrainingEvents => Contracts.Training.TrainingEventEnvelope.Parser.ParseFrom(fields.Value).UserId,
                Topics.HandEvents => Contracts.Hands.HandEventEnvelope.Parser.ParseFrom(fields.Value).UserId,
                _ => SessionEventEnvelope.Parser.ParseFrom(fields.Value).UserId,
            };
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>The once-only marker of a stored alert, from its JSON.</summary>
    private static string? AlertKey(RedisValue json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json.ToString());
        return doc.RootElement.TryGetProperty("id", out var id) && id.GetString() is { } alertId ? AlertStore.Marker(alertId) : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {UserId} deleted: {Keys} live-store keys removed; analytics rows queued for deletion")]
    private static partial void LogDeleted(ILogger logger, string userId, long keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {UserId} deleted; its live-store sweep failed and is left to the booked one")]
    private static partial void LogSweepBooked(ILogger logger, string userId, Exception exception);
}
