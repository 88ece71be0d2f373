using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PokerTracker.TestSupport;

namespace PokerTracker.Faults.Tests;

/// <summary>Faults of the engines, each stating what it proves.</summary>
[Collection(Engines.Collection)]
public sealed class RestartTests(EnginesFixture engines) : IDisposable
{
    private readonly ApiFactory _api = engines.CreateApi();

    public void Dispose() => _api.Dispose();

    /// <summary>
    /// Proves: a Redis restart (AOF on) keeps sessions, accounts and refresh tokens, and the API
    /// reconnects by itself — /health goes unhealthy while Redis is away and recovers after.
    /// </summary>
    [Fact]
    public async Task After_a_Redis_restart_sessions_accounts_and_refresh_tokens_are_intact_and_the_API_recovers()
    {
        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 23_456 });
        var before = RecordedSession.Of(await player.GetAsync($"/api/sessions/{id}"));
        using var health = _api.CreateClient();

        var restart = engines.RestartRedisAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(3_000);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await health.GetAsync("/health")).StatusCode);
        await restart;

        await Eventually(async () => (await health.GetAsync("/health")).StatusCode == HttpStatusCode.OK, "health did not recover");
        Assert.Equal(before, RecordedSession.Of(await player.GetAsync($"/api/sessions/{id}")));

        using var login = await player.Http.PostAsJsonAsync("/api/auth/login", new { email = player.Email, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var refreshed = await player.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = player.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 30_000 });
        Assert.Equal(4, (await player.GetAsync($"/api/sessions/{id}"))["version"]!.GetValue<long>());
    }

    /// <summary>
    /// Proves: with the ClickHouse endpoint down, commands still succeed and statistics answer a
    /// clear 503; when it returns, the worker catches up and statistics include everything.
    /// </summary>
    [Fact]
    public async Task With_ClickHouse_down_commands_succeed_statistics_say_503_and_the_worker_catches_up()
    {
        using var worker = new AnalyticsWorkerFactory(engines, "faults-" + Guid.NewGuid().ToString("N")).Start();
        using var player = _api.NewPlayer();
        await PlayAsync(player, 25_000);
        await Eventually(async () => (await Stats(player))?["sessions"]?.GetValue<int>() == 1, "warm-up not in statistics", 60);

        await engines.StopClickHouseAsync();
        try
        {
            await PlayAsync(player, 15_000);
            await PlayAsync(player, 40_000);
            using var stats = await player.Http.GetAsync("/api/stats");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, stats.StatusCode);
        }
        finally
        {
            await engines.StartClickHouseAsync();
        }

        await Eventually(async () => (await Stats(player))?["sessions"]?.GetValue<int>() == 3, "the worker did not catch up", 90);
        Assert.Equal(5_000 - 5_000 + 20_000, (await Stats(player))!["netResult"]!.GetValue<long>());
    }

    private static async Task PlayAsync(PlayerClient player, long cashOut)
    {
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut });
    }

    private static async Task<JsonObject?> Stats(PlayerClient player)
    {
        using var response = await player.Http.GetAsync("/api/stats");
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject() : null;
    }

    internal static async Task Eventually(Func<Task<bool>> condition, string message, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        Assert.Fail(message);
    }
}
