using System.Text.Json.Nodes;
using PokerTracker.Contracts;
using StackExchange.Redis;
using PokerTracker.SharedKernel.LiveStore;
using PokerTracker.TestSupport;

namespace PokerTracker.Faults.Tests;

/// <summary>The broker's acknowledgement is not the last copy: the live store is.</summary>
[Collection(Engines.Collection)]
public sealed class BrokerLossTests(EnginesFixture engines)
{
    /// <summary>
    /// Proves: sessions ended, relayed and acknowledged by the broker, but not yet consumed when the
    /// broker dies (SIGKILL) and comes back empty, still reach the analytics store — each event once —
    /// and the statistics count them. Their live copies keep no TTL until then, and get it back after.
    /// </summary>
    [Fact]
    public async Task Sessions_acknowledged_before_the_broker_came_back_empty_reach_the_statistics_once()
    {
        using var api = engines.CreateApi(("Reconciler:Enabled", "true"), ("Reconciler:Grace", "00:00:01"), ("Reconciler:Interval", "00:00:00.200"));
        using var player = api.NewPlayer();
        var ids = new List<Guid>();
        foreach (var cashOut in new[] { 31_000L, 12_500L, 26_000L })
        {
            var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
            await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = cashOut - 1_000 });
            await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut });
            ids.Add(Guid.Parse(id));
        }

        using var redis = await ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var db = redis.GetDatabase();
        await RestartTests.Eventually(async () => (await Task.WhenAll(Enumerable.Range(0, 4).Select(s => db.StreamLengthAsync($"pt:outbox:{s}")))).Sum() == 0,
            "the outbox was not relayed to the broker");
        foreach (var id in ids)
        {
            Assert.Null(await db.KeyTimeToLiveAsync(LiveStoreKeys.SessionLog(id))); // kept: the analytics store does not have it yet
        }

        await engines.ReplaceKafkaWithAnEmptyOneAsync();
        using var worker = new AnalyticsWorkerFactory(engines, "broker-loss-" + Guid.NewGuid().ToString("N")).Start();

        // The statistics count them from the live store meanwhile; the analytics store gets them again, once each.
        using var clickhouse = new ClickHouse.Driver.ClickHouseClient(engines.ClickHouse.ConnectionString());
        var where = $"WHERE user_id = '{player.UserId}'";
        async Task<long> Stored()
        {
            try
            {
                return Convert.ToInt64(await clickhouse.ExecuteScalarAsync($"SELECT count() FROM {AnalyticsTables.Events} FINAL {where}"));
            }
            catch (ClickHouse.Driver.ClickHouseServerException)
            {
                return -1; // the new worker has not made the tables yet
            }
        }

        await RestartTests.Eventually(async () => await Stored() == 12, "the sessions never reached the analytics store", 90);
        Assert.Equal(3, (await Stats(player))!["sessions"]!.GetValue<int>());
        Assert.Equal(31_000 + 12_500 + 26_000 - 3 * 20_000, (await Stats(player))!["netResult"]!.GetValue<long>());
        Assert.Equal(12L, Convert.ToInt64(await clickhouse.ExecuteScalarAsync($"SELECT uniqExact(event_id) FROM {AnalyticsTables.Events} {where}")));
        await RestartTests.Eventually(async () => (await Task.WhenAll(ids.Select(id => db.KeyTimeToLiveAsync(LiveStoreKeys.SessionLog(id))))).All(t => t is not null),
            "the live copies did not get their TTL back once stored");
    }

    /// <summary>
    /// Proves: graded training decisions relayed and acknowledged, then lost with the broker before
    /// the analytics worker read them, still reach the training statistics, each once.
    /// </summary>
    [Fact]
    public async Task Training_decisions_acknowledged_before_the_broker_came_back_empty_reach_the_statistics_once()
    {
        using var api = engines.CreateApi(("Reconciler:Enabled", "true"), ("Reconciler:Grace", "00:00:01"), ("Reconciler:Interval", "00:00:00.200"));
        using var player = api.NewPlayer();
        var training = await player.PostOkAsync("/api/training/sessions", new { drill = "stack-range", minStack = 10, maxStack = 12 });
        var id = training["id"]!.GetValue<string>();
        var spot = training["open"]!["number"]!.GetValue<int>();
        for (var i = 0; i < 6; i++)
        {
            spot = (await player.PostOkAsync($"/api/training/sessions/{id}/decisions", new { spot, choice = "fold" }))["next"]!["number"]!.GetValue<int>();
        }

        using var redis = await ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var db = redis.GetDatabase();
        await RestartTests.Eventually(async () => (await Task.WhenAll(Enumerable.Range(0, 4).Select(s => db.StreamLengthAsync($"pt:outbox:{s}")))).Sum() == 0,
            "the outbox was not relayed to the broker");
        await engines.ReplaceKafkaWithAnEmptyOneAsync();
        using var worker = new AnalyticsWorkerFactory(engines, "training-loss-" + Guid.NewGuid().ToString("N")).Start();

        await RestartTests.Eventually(async () => await Decisions(player) == 6, "the decisions never reached the training statistics", 90);
        using var clickhouse = new ClickHouse.Driver.ClickHouseClient(engines.ClickHouse.ConnectionString());
        Assert.Equal(6L, Convert.ToInt64(await clickhouse.ExecuteScalarAsync(
            $"SELECT count() FROM {AnalyticsTables.TrainingDecisions} FINAL WHERE training_id = '{id}'")));
        await RestartTests.Eventually(async () => await db.SortedSetScoreAsync("pt:analytics:training-pending", id) is null,
            "the training stayed pending once its decisions were stored");
    }

    [Fact]
    public async Task Imported_hands_acknowledged_before_the_broker_came_back_empty_reach_the_statistics_once()
    {
        using var api = engines.CreateApi(("Reconciler:Enabled", "true"), ("Reconciler:Grace", "00:00:01"), ("Reconciler:Interval", "00:00:00.200"), ("Hands:BatchSize", "2"));
        using var player = api.NewPlayer();
        var hands = string.Join("\n\n", Enumerable.Range(1, 5).Select(i => SampleHands.Walk(280000000000 + i, new DateTime(2024, 3, 2, 15, 10 + i, 4), "Alpha")));
        using var imported = await player.Http.PostAsync("/api/hands/import", new StringContent(hands));
        Assert.Equal(5, JsonNode.Parse(await imported.Content.ReadAsStringAsync())!["imported"]!.GetValue<int>());

        using var redis = await ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var db = redis.GetDatabase();
        await RestartTests.Eventually(async () => (await Task.WhenAll(Enumerable.Range(0, 4).Select(s => db.StreamLengthAsync($"pt:outbox:{s}")))).Sum() == 0,
            "the outbox was not relayed to the broker");
        Assert.Equal(3, await db.SortedSetLengthAsync("pt:analytics:hands-pending")); // three batches (2 + 2 + 1 hands) wait for the analytics store
        await engines.ReplaceKafkaWithAnEmptyOneAsync();
        using var worker = new AnalyticsWorkerFactory(engines, "hands-loss-" + Guid.NewGuid().ToString("N")).Start();

        await RestartTests.Eventually(async () => await HeroHands(player) == 5, "the hands never reached the hand statistics", 90);
        using var clickhouse = new ClickHouse.Driver.ClickHouseClient(engines.ClickHouse.ConnectionString());
        await RestartTests.Eventually(async () => Convert.ToInt64(await clickhouse.ExecuteScalarAsync(
            $"SELECT count() FROM {AnalyticsTables.Hands} FINAL WHERE user_id = '{player.UserId}'")) == 5, "the hands rows never reached five"); // they go in after the players
        await RestartTests.Eventually(async () => await db.SortedSetLengthAsync("pt:analytics:hands-pending") == 0,
            "the batches stayed pending once their hands were stored");
        Assert.Empty(await db.ExecuteAsync("KEYS", "pt:hands:batch:*") is var keys && keys.Length > 0 ? (RedisResult[])keys! : []);
    }

    /// <summary>
    /// Proves: while the broker is away, the reconciler does not put copies of what the analytics store
    /// lacks behind the outbox (every pass, for every session, they piled up in Redis), and once the
    /// broker is back the outbox drains.
    /// </summary>
    [Fact]
    public async Task While_the_broker_is_away_the_reconciler_adds_no_copies_behind_the_outbox()
    {
        using var api = engines.CreateApi(("Reconciler:Enabled", "true"), ("Reconciler:Grace", "00:00:01"), ("Reconciler:Interval", "00:00:00.200"));
        using var player = api.NewPlayer();
        using var redis = await ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var db = redis.GetDatabase();
        async Task<long> Outbox() => (await Task.WhenAll(Enumerable.Range(0, 4).Select(s => db.StreamLengthAsync($"pt:outbox:{s}")))).Sum();
        await RestartTests.Eventually(async () => await Outbox() == 0, "the outbox was not empty to begin with");

        await engines.StopKafkaAsync();
        try
        {
            var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
            await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 25_000 });
            await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut = 26_000 });
            var written = await Outbox();
            Assert.True(written >= 3, $"{written} entries");
            await Task.Delay(TimeSpan.FromSeconds(6)); // the session is due after 1 s, and checked every 200 ms
            Assert.Equal(written, await Outbox());
        }
        finally
        {
            await engines.StartKafkaAsync();
        }

        await RestartTests.Eventually(async () => await Outbox() == 0, "the outbox did not drain once the broker was back", 90);
    }

    private static async Task<long?> HeroHands(PlayerClient player)
    {
        using var response = await player.Http.GetAsync("/api/hands/stats");
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["overall"]!["hands"]!.GetValue<long>()
            : null;
    }

    private static async Task<long?> Decisions(PlayerClient player)
    {
        using var response = await player.Http.GetAsync("/api/training/statistics");
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["overall"]!["decisions"]!.GetValue<long>()
            : null;
    }

    private static async Task<JsonObject?> Stats(PlayerClient player)
    {
        using var response = await player.Http.GetAsync("/api/stats");
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject() : null;
    }
}
