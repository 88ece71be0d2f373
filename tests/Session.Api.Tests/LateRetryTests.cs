using System.Net;
using PokerTracker.TestSupport;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Tests;

/// <summary>An action sent again a day later, after its idempotency record lapsed, into a running session.</summary>
[Collection(Engines.Collection)]
public sealed class LateRetryTests(EnginesFixture engines)
{
    [Fact]
    public async Task A_late_retry_is_found_in_the_running_sessions_own_log_with_the_analytics_store_away()
    {
        using var away = engines.CreateApi(("ConnectionStrings:clickhouse", "Host=127.0.0.1;Port=1;Protocol=http;Username=default;Password=x"));
        using var player = away.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        var key = Guid.CreateVersion7(DateTimeOffset.UtcNow.AddHours(-23.5)).ToString();
        var rebuy = new { kind = "rebuy", amount = 20_000 };
        var first = await player.PostOkAsync($"/api/sessions/{id}/buy-ins", rebuy, key);
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 35_000 });
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString))
        {
            Assert.True(await redis.GetDatabase().KeyDeleteAsync($"pt:idem:{player.UserId}:{key}"));
        }

        using var again = await player.SendAsync(HttpMethod.Post, $"/api/sessions/{id}/buy-ins", rebuy, key);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var session = await player.GetAsync($"/api/sessions/{id}");
        Assert.Equal(first["version"]!.GetValue<long>() + 1, session["version"]!.GetValue<long>()); // the stack update only
        Assert.Equal(first["totals"]!["invested"]!.GetValue<long>(), session["totals"]!["invested"]!.GetValue<long>());
    }
}
