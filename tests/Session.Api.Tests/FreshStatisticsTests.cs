using System.Net;
using PokerTracker.Contracts;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>
/// The figures right after a cash-out, a correction, a discard or an import, before the analytics
/// store has the change: the sessions count as the live store has them, never as they were.
/// </summary>
[Collection(Engines.Collection)]
public sealed class FreshStatisticsTests(EnginesFixture engines)
{
    [Fact]
    public async Task Sessions_that_stopped_a_moment_ago_count_as_they_are_now_before_the_analytics_store_has_them()
    {
        var api = engines.SharedApi;
        // The analytics store's tables exist (a worker made them); then no worker runs, so nothing of
        // this player reaches the store until one starts again at the end.
        await using (engines.StartWorker())
        {
            using var probe = api.NewPlayer();
            await Pipeline.WaitForStatsAsync(probe, _ => true, TimeSpan.FromSeconds(60));
        }

        using var player = api.NewPlayer();
        var won = (await Pipeline.PlayCashAsync(player, 20_000, 35_000, venue: "Aria"))["id"]!.GetValue<string>();
        var lost = (await Pipeline.PlayCashAsync(player, 20_000, 12_000, venue: "Wynn"))["id"]!.GetValue<string>();
        await Expect(player, "", sessions: 2, net: 7_000);
        await Expect(player, "?venue=aria", sessions: 1, net: 15_000);
        // GraphQL reads its filter as the query string is read: trimmed, blank as none, any case.
        var graphQL = await player.GraphQLAsync("""{ statistics(filter: { venue: " aria ", tags: [""], currency: "usd", game: "" }) { sessions netResult } }""");
        Assert.Equal("""{"sessions":1,"netResult":15000}""", graphQL["data"]!["statistics"]!.ToJsonString());
        await Expect(player, "?kind=tournament", sessions: 0, net: 0);
        var listed = await player.GetAsync("/api/stats/sessions?venue=Wynn");
        Assert.Equal((1, lost), (listed["total"]!.GetValue<int>(), listed["items"]![0]!["id"]!.GetValue<string>()));

        // Corrected, then discarded: the figures follow at once.
        using (var corrected = await player.SendAsync(HttpMethod.Patch, $"/api/sessions/{lost}", new { cashOut = 14_000 }))
        {
            Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        }

        await Expect(player, "", sessions: 2, net: 9_000);
        using (var discarded = await player.SendAsync(HttpMethod.Delete, $"/api/sessions/{won}?reason=duplicate"))
        {
            Assert.Equal(HttpStatusCode.OK, discarded.StatusCode);
        }

        await Expect(player, "", sessions: 1, net: -6_000);
        var csv = await player.Http.GetStringAsync("/api/sessions/export.csv");
        Assert.Equal(2, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // the header and the session kept
        Assert.Contains("Wynn", csv, StringComparison.Ordinal);

        // Once the analytics store has them, the same figures, from it.
        await using var worker = engines.StartWorker();
        var stored = $"{AnalyticsTables.Sessions} FINAL WHERE user_id = '{player.UserId}'";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await Pipeline.CountAsync(engines, $"SELECT count() FROM {stored} AND status = 'discarded'") != 1
            || await Pipeline.CountAsync(engines, $"SELECT sum(net_result) FROM {stored} AND status = 'ended'") != -6_000)
        {
            Assert.True(DateTime.UtcNow < deadline, "The analytics store did not get the player's sessions within 60 s.");
            await Task.Delay(100);
        }
        await Expect(player, "", sessions: 1, net: -6_000);
    }

    [Fact]
    public async Task A_view_lists_its_sessions_by_the_date_each_row_shows_as_History_does_or_by_result_or_length()
    {
        using var player = engines.SharedApi.NewPlayer();
        var now = DateTimeOffset.UtcNow;
        // A long evening at the Aria, and a short session at the Wynn played within it: started later, ended earlier.
        var evening = await Start(player, "Aria", now.AddHours(-5));
        var short_ = await Start(player, "Wynn", now.AddHours(-3));
        await player.PostOkAsync($"/api/sessions/{short_}/end", new { cashOut = 35_000, at = now.AddHours(-2) });
        await player.PostOkAsync($"/api/sessions/{evening}/end", new { cashOut = 12_000, at = now.AddMinutes(-1) });

        async Task<IEnumerable<string>> Listed(string path) => (await player.GetAsync(path))["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>());
        Assert.Equal([short_, evening], await Listed("/api/stats/sessions"));
        Assert.Equal([short_, evening], await Listed("/api/sessions?status=ended"));

        // Or by what the player looks for: the biggest win or loss, the longest session, the first.
        Assert.Equal([short_, evening], await Listed("/api/stats/sessions?sort=best"));
        Assert.Equal([evening, short_], await Listed("/api/stats/sessions?sort=worst"));
        Assert.Equal([evening, short_], await Listed("/api/stats/sessions?sort=longest"));
        Assert.Equal([evening], await Listed("/api/stats/sessions?sort=oldest&limit=1"));
        Assert.Equal([short_], await Listed("/api/stats/sessions?sort=oldest&limit=1&offset=1")); // the next page
        Assert.Empty(await Listed("/api/stats/sessions?sort=oldest&offset=2"));
        using (var before = await player.Http.GetAsync("/api/stats/sessions?offset=-1"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        }

        using var unknown = await player.Http.GetAsync("/api/stats/sessions?sort=biggest");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("newest, oldest, best, worst, longest", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A session in euros: the list stays in the currency most played, and names every currency the player can ask for.
        var paris = await Start(player, "Paris", now.AddHours(-4), "EUR");
        await player.PostOkAsync($"/api/sessions/{paris}/end", new { cashOut = 30_000, at = now.AddHours(-3) });
        var listed = await player.GetAsync("/api/stats/sessions?sort=best");
        Assert.Equal([short_, evening], listed["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal(["USD", "EUR"], listed["currencies"]!.AsArray().Select(c => c!.GetValue<string>()));
        var euros = await player.GetAsync("/api/stats/sessions?sort=best&currency=EUR");
        Assert.Equal([paris], euros["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal(["USD", "EUR"], euros["currencies"]!.AsArray().Select(c => c!.GetValue<string>()));

        static async Task<string> Start(PlayerClient player, string venue, DateTimeOffset at, string currency = "USD") => (await player.StartCashAsync(new
        {
            kind = "cash", game = "NLHE", format = "live", venue, currency, stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000, startedAt = at,
        }))["id"]!.GetValue<string>();
    }

    private static async Task Expect(PlayerClient player, string query, int sessions, long net)
    {
        var stats = await player.GetAsync("/api/stats" + query);
        Assert.Equal((sessions, net), (stats["sessions"]!.GetValue<int>(), stats["netResult"]!.GetValue<long>()));
    }
}
