using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using PokerTracker.Contracts;
using Xunit.Abstractions;
using PokerTracker.SharedKernel.LiveStore;
using PokerTracker.TestSupport;

namespace PokerTracker.Analytics.Tests;

/// <summary>HTTP commands → outbox → Kafka → Analytics.Worker → ClickHouse → statistics, for real.</summary>
[Collection(Engines.Collection)]
public sealed class PipelineTests(EnginesFixture engines, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Join = TimeSpan.FromSeconds(45);
    private readonly ApiFactory _api = engines.SharedApi;
    private readonly AnalyticsWorkerFactory _worker = engines.StartWorker();

    public void Dispose() => _worker.Dispose();

    [Fact]
    public async Task Commands_over_HTTP_show_in_statistics_each_as_it_ends()
    {
        using var player = _api.NewPlayer();
        await Pipeline.PlayCashAsync(player, 20_000, 25_000);
        await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 1, Join);

        var took = new List<double>();
        long expectedNet = 5_000;
        for (var i = 2; i <= 8; i++)
        {
            var ended = await Pipeline.PlayCashAsync(player, 20_000, 10_000 * i, hands: 30 * i);
            expectedNet += ended["totals"]!["netResult"]!.GetValue<long>();
            var count = i;
            var (_, elapsed) = await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == count, TimeSpan.FromSeconds(10));
            took.Add(elapsed.TotalMilliseconds);
        }

        // How fast is the benchmark's "freshness" scenario (./scripts/bench.sh 12 freshness): here only that each session arrives, and once.
        took.Sort();
        output.WriteLine($"event → statistics: p50 {took[took.Count / 2]:F0} ms, max {took[^1]:F0} ms");

        var stats = (await Pipeline.WaitForStatsAsync(player, _ => true, TimeSpan.FromSeconds(5))).Stats;
        Assert.Equal(expectedNet, stats["netResult"]!.GetValue<long>());
        Assert.Equal("USD", stats["currency"]!.GetValue<string>());
        Assert.Equal(8, stats["cumulative"]!.AsArray().Count);
        Assert.NotNull(stats["bigBlindsPer100"]);

        // A chart of at most 4 points: the ends stay, the figures do not change.
        var chart = (await Pipeline.WaitForStatsAsync(player, _ => true, TimeSpan.FromSeconds(5), "?points=4")).Stats;
        var points = chart["cumulative"]!.AsArray();
        Assert.InRange(points.Count, 2, 4);
        Assert.Equal(stats["cumulative"]![0]!.ToJsonString(), points[0]!.ToJsonString());
        Assert.Equal(stats["cumulative"]![7]!.ToJsonString(), points[^1]!.ToJsonString());
        Assert.Equal(stats["maxDrawdown"]!.GetValue<long>(), chart["maxDrawdown"]!.GetValue<long>());
        Assert.Equal(expectedNet, chart["netResult"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_breakdown_row_drills_down_to_its_sessions_by_venue_weekday_and_month()
    {
        using var player = _api.NewPlayer();
        await Pipeline.PlayCashAsync(player, 20_000, 25_000, venue: "Bellagio");
        await Pipeline.PlayCashAsync(player, 20_000, 17_000, venue: "bellagio", tags: ["Friday"]);
        await Pipeline.PlayCashAsync(player, 20_000, 30_000, venue: "Aria");
        var stats = (await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 3, Join)).Stats;

        // A venue typed in another case is the same venue: one row, and its drill-down (in any case) finds both.
        Assert.Equal(["Aria:1", "Bellagio:2"], stats["byVenue"]!.AsArray().Select(v => $"{v!["key"]}:{v["sessions"]}"));
        var bellagio = await player.GetAsync("/api/stats/sessions?venue=Bellagio");
        Assert.Equal(2, bellagio["total"]!.GetValue<int>());
        Assert.Equal([-3_000L, 5_000L], bellagio["items"]!.AsArray().Select(i => i!["net"]!.GetValue<long>()).Order());
        Assert.Equal(["Bellagio", "bellagio"], bellagio["items"]!.AsArray().Select(i => i!["venue"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await player.GetAsync("/api/stats?venue=BELLAGIO"))["sessions"]!.GetValue<int>());
        Assert.Equal(-3_000, Assert.Single((await player.GetAsync("/api/stats/sessions?tags=friday"))["items"]!.AsArray())!["net"]!.GetValue<long>());

        // The weekday and month rows: the day the sessions started (UTC here), and no other day.
        var started = DateTimeOffset.Parse(bellagio["items"]![0]!["startedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var day = (int)started.UtcDateTime.DayOfWeek;
        Assert.Equal(3, (await player.GetAsync($"/api/stats/sessions?weekday={day}&timeZone=UTC"))["total"]!.GetValue<int>());
        Assert.Equal(0, (await player.GetAsync($"/api/stats/sessions?weekday={(day + 1) % 7}&timeZone=UTC"))["total"]!.GetValue<int>());
        Assert.Equal(0, (await player.GetAsync($"/api/stats?weekday={(day + 1) % 7}&timeZone=UTC"))["sessions"]!.GetValue<int>());
        var month = Assert.Single(stats["byMonth"]!.AsArray());
        Assert.Equal(started.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), month!["key"]!.GetValue<string>());
        Assert.Equal(3, month["sessions"]!.GetValue<int>());
        Assert.Equal(2, (await player.GetAsync("/api/stats/sessions?limit=2"))["items"]!.AsArray().Count);

        using var bad = await player.Http.GetAsync("/api/stats/sessions?weekday=9");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        using var tooMany = await player.Http.GetAsync("/api/stats/sessions?limit=100000");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    [Fact]
    public async Task Replaying_the_whole_topic_into_a_fresh_group_changes_no_totals()
    {
        using var player = _api.NewPlayer();
        for (var i = 0; i < 3; i++)
        {
            await Pipeline.PlayCashAsync(player, 20_000, 15_000 + i * 10_000);
        }

        var before = (await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 3, Join)).Stats;
        await Pipeline.WaitForCountAsync(engines, $"SELECT count() FROM {Pipeline.EventsOf(player.UserId)}", 12, Join); // the store has them all
        var events = await Pipeline.CountAsync(engines, $"SELECT count() FROM {Pipeline.EventsOf(player.UserId)}");
        var stored = await Pipeline.CountAsync(engines, $"SELECT toUnixTimestamp64Milli(max(ingested_at)) FROM {AnalyticsTables.Events} WHERE user_id = '{player.UserId}'");

        using (var replay = new AnalyticsWorkerFactory(engines, "replay-" + Guid.NewGuid().ToString("N")).Start())
        {
            var deadline = DateTime.UtcNow + Join;
            while (await Pipeline.CountAsync(engines, $"SELECT toUnixTimestamp64Milli(max(ingested_at)) FROM {AnalyticsTables.Events} WHERE user_id = '{player.UserId}'") <= stored)
            {
                Assert.True(DateTime.UtcNow < deadline, "the replaying worker never stored this player's events again");
                await Task.Delay(100);
            }

            await Task.Delay(500);
        }

        Assert.Equal(events, await Pipeline.CountAsync(engines, $"SELECT count() FROM {Pipeline.EventsOf(player.UserId)}"));
        var after = (await Pipeline.WaitForStatsAsync(player, _ => true, TimeSpan.FromSeconds(5))).Stats;
        Assert.Equal(before["netResult"]!.GetValue<long>(), after["netResult"]!.GetValue<long>());
        Assert.Equal(before["sessions"]!.GetValue<int>(), after["sessions"]!.GetValue<int>());
        Assert.Equal(before["hoursPlayed"]!.ToString(), after["hoursPlayed"]!.ToString());
    }

    [Fact]
    public async Task Two_workers_in_one_group_share_partitions_without_double_counting()
    {
        using var second = new AnalyticsWorkerFactory(engines, _worker.Group).Start();
        using var players = new DisposableList<PlayerClient>(Enumerable.Range(0, 4).Select(_ => _api.NewPlayer()));
        var expected = new Dictionary<string, long>();
        foreach (var player in players)
        {
            long net = 0;
            for (var i = 0; i < 3; i++)
            {
                net += (await Pipeline.PlayCashAsync(player, 10_000, 8_000 + i * 3_000))["totals"]!["netResult"]!.GetValue<long>();
            }

            expected[player.UserId] = net;
        }

        foreach (var player in players)
        {
            var stats = (await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 3, Join)).Stats;
            Assert.Equal(expected[player.UserId], stats["netResult"]!.GetValue<long>());
            await Pipeline.WaitForCountAsync(engines, $"SELECT count() FROM {Pipeline.EventsOf(player.UserId)}", 12, Join); // 4 events a session
        }
    }

    [Fact]
    public async Task A_poisoned_message_is_dead_lettered_and_the_partition_keeps_flowing()
    {
        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = engines.Kafka.BootstrapServers }).Build())
        {
            // Same key, so the same partition as the real session's events.
            await producer.ProduceAsync(Topics.SessionEvents, new Message<string, byte[]> { Key = id, Value = Encoding.UTF8.GetBytes("{\"not\":\"protobuf\"}") });
        }

        await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut = 26_000 });
        var stats = (await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 1, Join)).Stats;
        Assert.Equal(6_000, stats["netResult"]!.GetValue<long>());

        var poisoned = KafkaReader.Read(engines.Kafka.BootstrapServers, Topics.SessionEventsDeadLetter, id, 1, TimeSpan.FromSeconds(20)).FirstOrDefault();
        Assert.NotNull(poisoned);
        Assert.StartsWith("not a SessionEventEnvelope", Encoding.UTF8.GetString(poisoned.Message.Headers.GetLastBytes("dlq-reason")));
    }

    [Fact]
    public async Task Sessions_past_the_live_store_TTL_are_served_from_the_analytics_store_in_the_same_shape()
    {
        using var shortLived = engines.CreateApi(("Sessions:EndedSessionTtl", "00:00:02"));
        using var player = shortLived.NewPlayer();
        var ended = await Pipeline.PlayCashAsync(player, 20_000, 31_000, venue: "Wynn");
        var id = ended["id"]!.GetValue<string>();
        await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 1, Join);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var old = await player.GetAsync($"/api/sessions/{id}");
        foreach (var field in new[] { "id", "venue", "status", "version", "startedAt", "endedAt", "cashOut" })
        {
            Assert.Equal(ended[field]!.ToJsonString(), old[field]!.ToJsonString());
        }

        Assert.Equal(ended["totals"]!["netResult"]!.GetValue<long>(), old["totals"]!["netResult"]!.GetValue<long>());
        var list = await player.GetAsync("/api/sessions");
        Assert.Equal(id, Assert.Single(list["items"]!.AsArray())!["id"]!.GetValue<string>());

        using var correct = await player.SendAsync(HttpMethod.Patch, $"/api/sessions/{id}", new { venue = "Encore" });
        Assert.Equal(HttpStatusCode.OK, correct.StatusCode);
        Assert.Equal("Encore", (await player.GetAsync($"/api/sessions/{id}"))["venue"]!.GetValue<string>());
    }

    /// <summary>
    /// A past session keeps its stack chart (rebuys included) once its live copy has expired: the
    /// same points, rebuilt from the events the analytics store holds.
    /// </summary>
    [Fact]
    public async Task A_past_session_keeps_its_stack_chart_after_the_live_copy_expires()
    {
        using var shortLived = engines.CreateApi(("Sessions:EndedSessionTtl", "00:00:01"));
        using var player = shortLived.NewPlayer();
        var id = (await player.StartCashAsync(new
        {
            kind = "cash", game = "NLHE", format = "live", venue = "Aria", currency = "USD",
            stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 50_000, startedAt = DateTimeOffset.UtcNow.AddHours(-2),
        }))["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 61_000 });
        await player.PostOkAsync($"/api/sessions/{id}/buy-ins", new { kind = "rebuy", amount = 50_000 });
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 98_000 });
        await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut = 98_000 });
        var live = (await player.GetNodeAsync($"/api/sessions/{id}/stack"))!.AsArray();
        Assert.Equal([50_000L, 61_000L, 111_000L, 98_000L, 98_000L], live.Select(p => p!["amount"]!.GetValue<long>()));

        await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 1, Join);
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await redis.GetDatabase().KeyExistsAsync(LiveStoreKeys.SessionStack(Guid.Parse(id))))
        {
            Assert.True(DateTime.UtcNow < deadline, "the live copy never expired");
            await Task.Delay(200);
        }

        var past = (await player.GetNodeAsync($"/api/sessions/{id}/stack"))!.AsArray();
        Assert.Equal(live.ToJsonString(), past.ToJsonString());
    }

    [Fact]
    public async Task With_the_analytics_store_down_commands_succeed_and_statistics_answer_503()
    {
        using var cut = engines.CreateApi(("ConnectionStrings:clickhouse", "Host=127.0.0.1;Port=9;Protocol=http;Username=default;Password="));
        using var player = cut.NewPlayer();
        await Pipeline.PlayCashAsync(player, 20_000, 18_000);
        using var stats = await player.Http.GetAsync("/api/stats");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stats.StatusCode);
        Assert.Equal(503, JsonNode.Parse(await stats.Content.ReadAsStringAsync())!["status"]!.GetValue<int>());
    }

    private sealed class DisposableList<T>(IEnumerable<T> items) : List<T>(items), IDisposable where T : IDisposable
    {
        public void Dispose() => ForEach(i => i.Dispose());
    }
}

internal static class KafkaHeaderExtensions
{
    public static byte[] GetLastBytes(this Headers headers, string key) => headers.TryGetLastBytes(key, out var v) ? v : throw new KeyNotFoundException(key);
}
