using Microsoft.Extensions.Logging.Abstractions;
using PokerTracker.SessionApi.Live;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.TestSupport;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Tests;

/// <summary>The replica's live subscription, on a way to Redis that can be cut: what its streams hear.</summary>
[Collection(Engines.Collection)]
public sealed class LiveHubTests(EnginesFixture engines)
{
    [Fact]
    public async Task A_stream_added_to_a_subscription_that_is_down_ends_and_one_added_once_it_is_back_hears_on()
    {
        using var gate = new TcpGate(engines.Redis.Port);
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{gate.Port},password={engines.Redis.Password}");
        await using var publisher = await ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var hub = new LiveHub(redis, NullLogger<LiveHub>.Instance);
        var user = "hub-" + Guid.NewGuid().ToString("N");
        var publish = (long n) => publisher.GetSubscriber().PublishAsync(
            RedisChannel.Literal(RedisKeys.LiveChannel(user)), $"{n}-0\n{{\"type\":\"StackUpdated\",\"sequence\":{n}}}");

        // One device's stream is open: the player's channel is subscribed.
        var phone = new SseQueue();
        using var onPhone = await hub.RegisterAsync(user, phone);
        Assert.False(phone.Ended);

        // The subscription drops and cannot come back yet; the phone's stream ends.
        gate.Shut();
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString))
        {
            await admin.GetDatabase().ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
        }

        await WaitUntil(() => phone.Ended);

        // Before the phone's stream has let go, a laptop opens one: it would hear nothing of what is
        // published until the subscription is back, so it ends too, after its backlog.
        var laptop = new SseQueue();
        using (await hub.RegisterAsync(user, laptop))
        {
            Assert.True(laptop.Ended);
        }

        onPhone.Dispose();
        gate.Open();
        await WaitUntil(() => redis.GetSubscriber().IsConnected(RedisChannel.Literal(RedisKeys.LiveChannel(user))));

        // Back: a stream opened now stays open and hears what is published.
        var again = new SseQueue();
        using var onAgain = await hub.RegisterAsync(user, again);
        Assert.False(again.Ended);
        var heard = new List<LiveItem>();
        await WaitUntil(async () =>
        {
            await publish(7);
            again.TakeAll(heard);
            return heard.Count > 0;
        });
        Assert.Equal(7, heard[0].Sequence);
        Assert.False(again.Ended);
    }

    private static Task WaitUntil(Func<bool> condition) => WaitUntil(() => Task.FromResult(condition()));

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "not within 30 s");
            await Task.Delay(200);
        }
    }
}
