using System.Net;
using System.Net.Http.Json;
using Google.Protobuf;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.TestSupport;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Tests;

/// <summary>
/// Deleting an account leaves nothing of it in the live store, even what lands after the deletion's own
/// sweep, and even when the replica that deleted it stops before it could sweep.
/// </summary>
[Collection(Engines.Collection)]
public sealed class AccountSweepTests(EnginesFixture engines)
{
    [Fact]
    public async Task What_lands_after_the_deletion_and_the_players_undeliverable_events_are_swept_and_nobody_elses()
    {
        using var api = engines.CreateApi(("Accounts:SweepAgainAfter", "00:00:02"), ("Accounts:SweepPoll", "00:00:00.250"));
        using var player = await PlayerClient.RegisterAsync(api);
        using var bystander = await PlayerClient.RegisterAsync(api);
        var session = (await player.StartCashAsync())["id"]!.GetValue<string>();
        using var redis = await ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var db = redis.GetDatabase();

        // Events Kafka refused for good (too large), set aside for a person to look at: two of the player's, one of another's.
        var mine = await SetAsideAsync(db, session, player.UserId, topic: null);
        var training = await SetAsideAsync(db, Guid.NewGuid().ToString(), player.UserId, Topics.TrainingEvents);
        var theirs = await SetAsideAsync(db, Guid.NewGuid().ToString(), bystander.UserId, topic: null);

        using (var deleted = await player.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/me") { Content = JsonContent.Create(new { password = "correct horse battery" }) }))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var left = (await db.StreamRangeAsync(RedisKeys.OutboxDead)).Select(e => e.Id.ToString()).ToList();
        Assert.DoesNotContain(mine, left);
        Assert.DoesNotContain(training, left);
        Assert.Contains(theirs, left);
        Assert.False(await db.KeyExistsAsync(RedisKeys.Session(Guid.Parse(session))));

        // A change another device had in flight, stored after the deletion's sweep: the booked sweep takes it.
        var late = RedisKeys.UserFeed(player.UserId);
        await db.ListRightPushAsync(late, "an event stored late");
        Assert.NotNull(await db.SortedSetScoreAsync(AccountSweeper.Key, player.UserId));
        await WaitUntilAsync(async () => !await db.KeyExistsAsync(late) && await db.SortedSetScoreAsync(AccountSweeper.Key, player.UserId) is null);
        Assert.Equal(HttpStatusCode.OK, (await bystander.Http.GetAsync("/api/sessions")).StatusCode);
    }

    [Fact]
    public async Task A_sweep_taken_by_a_replica_that_stopped_is_done_by_another_once_its_lease_ends()
    {
        using var api = engines.CreateApi(("Accounts:SweepPoll", "00:00:00.250"));
        _ = api.Server; // started: its sweeper runs
        using var redis = await ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var db = redis.GetDatabase();
        var userId = Guid.CreateVersion7().ToString("N");
        var left = RedisKeys.UserFeed(userId);
        await db.ListRightPushAsync(left, "an event");

        // Taken by a replica (its lease runs to the score) that stopped before it finished: nothing happens until the lease ends.
        await db.SortedSetAddAsync(AccountSweeper.Key, userId, DateTimeOffset.UtcNow.AddSeconds(3).ToUnixTimeMilliseconds());
        await Task.Delay(1_000);
        Assert.True(await db.KeyExistsAsync(left));
        await WaitUntilAsync(async () => !await db.KeyExistsAsync(left) && await db.SortedSetScoreAsync(AccountSweeper.Key, userId) is null);
    }

    private static async Task<string> SetAsideAsync(IDatabase db, string key, string userId, string? topic)
    {
        IMessage envelope = topic == Topics.TrainingEvents
            ? new Contracts.Training.TrainingEventEnvelope { EventId = Guid.NewGuid().ToString(), UserId = userId, TrainingId = key }
            : new SessionEventEnvelope { EventId = Guid.NewGuid().ToString(), SessionId = key, UserId = userId, Sequence = 2 };
        NameValueEntry[] fields =
        [
            new("key", key), new("value", envelope.ToByteArray()), new("traceparent", ""), new("type", "StackUpdated"),
            .. topic is null ? Array.Empty<NameValueEntry>() : [new NameValueEntry("topic", topic)],
        ];
        return (await db.StreamAddAsync(RedisKeys.OutboxDead, fields)).ToString();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the booked sweep did not run");
            await Task.Delay(100);
        }
    }
}
