using System.Diagnostics;
using System.Text.Json.Nodes;
using ClickHouse.Driver;
using PokerTracker.Contracts;

namespace PokerTracker.TestSupport;

public static class Pipeline
{
    /// <summary>Polls the player's statistics until <paramref name="done"/> holds; returns them and how long it took.</summary>
    public static async Task<(JsonObject Stats, TimeSpan Took)> WaitForStatsAsync(PlayerClient player, Func<JsonObject, bool> done, TimeSpan timeout, string query = "")
    {
        var watch = Stopwatch.StartNew();
        JsonObject? last = null;
        while (watch.Elapsed < timeout)
        {
            using var response = await player.Http.GetAsync("/api/stats" + query);
            if (response.IsSuccessStatusCode)
            {
                last = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
                if (done(last))
                {
                    return (last, watch.Elapsed);
                }
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"statistics did not reach the expected state within {timeout}: {last?.ToJsonString()}");
    }

    public static async Task<JsonObject> PlayCashAsync(PlayerClient player, long buyIn, long cashOut, string venue = "Bellagio", long bigBlind = 200, int hands = 0, string[]? tags = null)
    {
        var id = (await player.StartCashAsync(new
        {
            kind = "cash", game = "NLHE", format = "live", venue, currency = "USD",
            stakes = new { smallBlind = bigBlind / 2, bigBlind }, buyIn, startedAt = DateTimeOffset.UtcNow.AddHours(-3), tags = tags ?? [],
        }))["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = cashOut });
        return await player.PostOkAsync($"/api/sessions/{id}/end", hands > 0 ? new { cashOut, handsPlayed = hands } : new { cashOut });
    }

    public static async Task<long> CountAsync(EnginesFixture engines, string sql)
    {
        using var client = new ClickHouseClient(engines.ClickHouse.ConnectionString());
        return Convert.ToInt64(await client.ExecuteScalarAsync(sql));
    }

    /// <summary>Polls a count in the analytics store until it is <paramref name="expected"/> (the statistics show a session before the store has it).</summary>
    public static async Task WaitForCountAsync(EnginesFixture engines, string sql, long expected, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        long last;
        while ((last = await CountAsync(engines, sql)) != expected)
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"{sql} gave {last}, not {expected}, within {timeout}");
            }

            await Task.Delay(50);
        }
    }

    public static string EventsOf(string userId) => $"{AnalyticsTables.Events} FINAL WHERE user_id = '{userId}'";
}
