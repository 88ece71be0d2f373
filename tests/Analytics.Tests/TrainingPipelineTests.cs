using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PokerTracker.Contracts;
using PokerTracker.TestSupport;

namespace PokerTracker.Analytics.Tests;

/// <summary>
/// A training session end to end through the real engines: decisions graded on the server, the
/// events through the outbox and Kafka into ClickHouse, the player's training statistics and the
/// leaderboard computed from them.
/// </summary>
[Collection(Engines.Collection)]
public sealed class TrainingPipelineTests(EnginesFixture engines) : IDisposable
{
    private readonly ApiFactory _api = engines.CreateApi(("Training:LeaderboardMinimumDecisions", "20"), ("Training:LeaderboardRefresh", "00:00:01"));
    private readonly AnalyticsWorkerFactory _worker = engines.StartWorker();

    public void Dispose()
    {
        _worker.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task Decisions_are_graded_stored_in_ClickHouse_counted_in_statistics_and_ranked_on_the_board()
    {
        using var player = _api.NewPlayer();
        using var profile = await player.SendAsync(HttpMethod.Put, "/api/training/leaderboard/profile", new { optIn = true, displayName = "Shove Bot" });
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Equal("Shove Bot", (await player.GetAsync("/api/training/leaderboard/profile"))["displayName"]!.GetValue<string>());
        using var rival = _api.NewPlayer();
        using (var posing = await rival.SendAsync(HttpMethod.Put, "/api/training/leaderboard/profile", new { optIn = true, displayName = "shove  BOT" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, posing.StatusCode); // nobody can show as another player
        }

        Assert.False((await rival.GetAsync("/api/training/leaderboard/profile"))["optIn"]!.GetValue<bool>());

        var began = DateTimeOffset.UtcNow;
        var training = await player.PostOkAsync("/api/training/sessions", new { drill = "stack-range", minStack = 8, maxStack = 12 });
        var id = training["id"]!.GetValue<string>();
        var open = training["open"]!;
        Assert.Null(open["decision"]); // the answer is never sent before the decision
        int decisions = 0, correct = 0;
        double evLost = 0;
        for (var i = 0; i < 30; i++)
        {
            var seat = open["seat"]!.GetValue<string>();
            var spot = open["number"]!.GetValue<int>();
            Assert.InRange(open["stack"]!.GetValue<double>(), 8, 12);
            // Answer like a nit: only the premium hands go in.
            var strong = open["handClass"]!.GetValue<string>() is "AA" or "KK" or "QQ" or "AKs" or "AKo";
            var choice = strong ? (seat == "small-blind" ? "shove" : "call") : "fold";
            var result = await player.PostOkAsync($"/api/training/sessions/{id}/decisions", new { spot, choice });
            var graded = result["graded"]!["decision"]!;
            var lost = graded["evLost"]!.GetValue<double>();
            Assert.Equal(lost <= 0.0005, graded["correct"]!.GetValue<bool>());
            Assert.True(lost >= 0);
            Assert.Equal(choice, graded["choice"]!.GetValue<string>());
            var best = Math.Max(graded["evAggressive"]!.GetValue<double>(), graded["evFold"]!.GetValue<double>());
            var chosen = choice == "fold" ? graded["evFold"]!.GetValue<double>() : graded["evAggressive"]!.GetValue<double>();
            Assert.Equal(best - chosen, lost, tolerance: 0.0002);
            decisions++;
            correct += graded["correct"]!.GetValue<bool>() ? 1 : 0;
            evLost += lost;
            open = result["next"]!;
        }

        var ended = await player.PostOkAsync($"/api/training/sessions/{id}/end");
        Assert.Null(ended["open"]); // an ended session shows no spot waiting for an answer
        Assert.Null((await player.GetAsync($"/api/training/sessions/{id}"))["open"]);
        using var clickhouse = new ClickHouse.Driver.ClickHouseClient(engines.ClickHouse.ConnectionString());
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (Convert.ToInt64(await clickhouse.ExecuteScalarAsync($"SELECT count() FROM {AnalyticsTables.TrainingDecisions} FINAL WHERE user_id = '{player.UserId}'")) < decisions)
        {
            Assert.True(DateTime.UtcNow < deadline, "the decisions did not reach ClickHouse");
            await Task.Delay(200);
        }

        var stats = await player.GetAsync("/api/training/statistics");
        Assert.Equal(decisions, stats["overall"]!["decisions"]!.GetValue<long>());
        Assert.Equal(correct, stats["overall"]!["correct"]!.GetValue<long>());
        Assert.Equal(Math.Round(evLost / decisions * 100, 2), stats["overall"]!["evLostPer100"]!.GetValue<double>(), tolerance: 0.02);
        var depths = stats["byDepth"]!.AsArray().Select(d => d!["key"]!.GetValue<string>()).ToList();
        Assert.Contains(depths, d => d is "5-9.9" or "10-14.9");
        Assert.Equal(depths.OrderBy(d => int.Parse(d.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture)), depths); // shallow to deep

        // Day by day on the player's calendar: a zone whose date is not UTC's now (14 h ahead from 10:00 UTC, else 11 h behind).
        var zoneId = began.Hour >= 10 ? "Pacific/Kiritimati" : "Pacific/Pago_Pago";
        var days = (await player.GetAsync($"/api/training/statistics?timeZone={zoneId}"))["byDay"]!.AsArray();
        var theirs = new[] { began, DateTimeOffset.UtcNow }.Select(t => TimeZoneInfo.ConvertTime(t, TimeZoneInfo.FindSystemTimeZoneById(zoneId)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(days, d => Assert.Contains(d!["key"]!.GetValue<string>(), theirs));
        Assert.DoesNotContain(days, d => d!["key"]!.GetValue<string>() == began.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(decisions, days.Sum(d => d!["decisions"]!.GetValue<long>()));
        using (var unknown = await player.Http.GetAsync("/api/training/statistics?timeZone=Mars/Olympus"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        }

        using (var none = await player.Http.GetAsync("/api/training/statistics?timeZone="))
        {
            Assert.Equal(HttpStatusCode.OK, none.StatusCode); // as /api/stats takes it: UTC
        }

        JsonObject? board = null;
        deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            board = await player.GetAsync("/api/training/leaderboard?board=weekly");
            if (board["mine"] is JsonObject me && me["decisions"]!.GetValue<long>() == decisions)
            {
                break; // the board is computed every second: wait for the one that counts them all
            }

            await Task.Delay(300);
        }

        var mine = board!["mine"]!;
        Assert.Equal("Shove Bot", mine["displayName"]!.GetValue<string>());
        Assert.Equal(decisions, mine["decisions"]!.GetValue<long>());
        Assert.DoesNotContain(player.Email, board.ToJsonString());

        using var optOut = await player.SendAsync(HttpMethod.Put, "/api/training/leaderboard/profile", new { optIn = false });
        Assert.Equal(HttpStatusCode.OK, optOut.StatusCode);
        Assert.Null((await player.GetAsync("/api/training/leaderboard?board=weekly"))["mine"]);
        Assert.False((await player.GetAsync("/api/training/leaderboard/profile"))["optIn"]!.GetValue<bool>());
        using (var free = await rival.SendAsync(HttpMethod.Put, "/api/training/leaderboard/profile", new { optIn = true, displayName = "Shove Bot" }))
        {
            Assert.Equal(HttpStatusCode.OK, free.StatusCode); // the name went with the player who left the boards
        }
    }
}
