using System.Net;
using PokerTracker.TestSupport;
using StackExchange.Redis;

namespace PokerTracker.Analytics.Tests;

/// <summary>An action sent again a day later, after its idempotency record lapsed: found in the session, not recorded twice.</summary>
[Collection(Engines.Collection)]
public sealed class LateRetryTests(EnginesFixture engines) : PipelineTest(engines)
{
    [Fact]
    public async Task A_rebuy_sent_again_after_its_idempotency_record_lapsed_is_not_recorded_twice()
    {
        using var player = Api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        // Queued on a phone 23½ hours ago: the rebuy reached the server, its answer did not, and the
        // phone stayed off until now (the app names each queued action by a UUIDv7, made when it was queued).
        var key = Guid.CreateVersion7(DateTimeOffset.UtcNow.AddHours(-23.5)).ToString();
        var rebuy = new { kind = "rebuy", amount = 20_000 };
        var first = await player.PostOkAsync($"/api/sessions/{id}/buy-ins", rebuy, key);
        var invested = first["totals"]!["invested"]!.GetValue<long>();
        await Pipeline.WaitForCountAsync(Fixture, $"SELECT count() FROM {Pipeline.EventsOf(player.UserId)} AND event_id = '{key}'", 1, PipelineTest.Join);

        // Its idempotency record lapses, as it does a day after it was written.
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(Fixture.Redis.ConnectionString))
        {
            Assert.True(await redis.GetDatabase().KeyDeleteAsync($"pt:idem:{player.UserId}:{key}"));
        }

        using var again = await player.SendAsync(HttpMethod.Post, $"/api/sessions/{id}/buy-ins", rebuy, key);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var session = await player.GetAsync($"/api/sessions/{id}");
        Assert.Equal(first["version"]!.GetValue<long>(), session["version"]!.GetValue<long>());
        Assert.Equal(invested, session["totals"]!["invested"]!.GetValue<long>());

        // A rebuy of the same age that never reached the server is recorded when it comes.
        var late = await player.PostOkAsync($"/api/sessions/{id}/buy-ins", rebuy, Guid.CreateVersion7(DateTimeOffset.UtcNow.AddHours(-23.5)).ToString());
        Assert.Equal(invested + 20_000, late["totals"]!["invested"]!.GetValue<long>());
        Assert.Equal(first["version"]!.GetValue<long>() + 1, late["version"]!.GetValue<long>());
    }
}
