namespace PokerTracker.Tools.LoadGen;

/// <summary>Statistics for a player with many sessions, stored straight into ClickHouse as the worker would.</summary>
public static class Statistics
{
    public static async Task<IEnumerable<LoadResult>> RunAsync(HttpClient http, string clickhouseConnection, int sessions, int events)
    {
        var email = $"stats-{sessions}-{Guid.NewGuid():N}@pokertracker.test";
        var token = await Players.RegisterAsync(http, email);
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var userId = (await (await http.SendAsync(me)).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var ch = new ClickHouseClient(clickhouseConnection + ";UseCustomDecimals=false");
        var random = new Random(sessions);
        var t0 = new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var rows = Enumerable.Range(0, sessions).Select(i =>
        {
            var start = t0.AddHours(i * 5);
            var secs = random.Next(3_600, 36_000);
            var net = (long)((random.NextDouble() - 0.45) * 80_000);
            return new object[]
            {
                Guid.NewGuid(), userId, 100L, "ended", "cash", "NLHE", "", "live", $"V{i % 7}", "USD", new[] { "bench" }, "100/200", 100L, 200L, null!, null!,
                start, start.AddSeconds(secs), (long)secs, 20_000L, 0L, 20_000L + net, null!, net, 200, null!, null!, 0, 98, 0, 0, "{}", start.AddSeconds(secs),
            };
        }).ToList();
        await ch.InsertBinaryAsync(AnalyticsTables.Sessions, PokerTracker.Analytics.Ingestion.Rows.SessionColumns, rows);
        var ids = rows.Select(r => (Guid)r[0]).ToArray();
        IEnumerable<object[]> Events()
        {
            for (var i = 0; i < events; i++)
            {
                var at = t0.AddSeconds(i);
                yield return [Guid.NewGuid(), ids[i % ids.Length], userId, (long)(i / ids.Length + 1), "StackUpdated", at, at, 1, (long?)20_000, "", "", "{}", "", 0, (long)i, DateTime.UtcNow];
            }
        }

        await ch.InsertBinaryAsync(AnalyticsTables.Events, PokerTracker.Analytics.Ingestion.Rows.EventColumns, Events());

        // Warm-up (not measured): the service's code paths get compiled to their final tier first.
        for (var i = 0; i < 40; i++)
        {
            await Players.StatsBytesAsync(http, token, $"?minMinutes={100 + i}&bankroll=1000000");
        }

        // Uncached: every request asks a different question (a minimum duration it does not filter on).
        var cold = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var at = Stopwatch.GetTimestamp();
            var body = await Players.StatsBytesAsync(http, token, $"?minMinutes={i}&bankroll=1000000");
            cold.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
            var stats = JsonNode.Parse(body);
            if (stats?["sessions"]?.GetValue<int>() != sessions)
            {
                throw new InvalidOperationException($"statistics saw {stats?["sessions"]} sessions, not {sessions}");
            }
        }

        var warm = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var at = Stopwatch.GetTimestamp();
            await Players.StatsBytesAsync(http, token, "?bankroll=1000000");
            warm.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
        }

        return
        [
            Load.Summarize($"statistics, {sessions:N0} sessions, uncached", [.. cold], 0, cold.Sum() / 1000),
            Load.Summarize($"statistics, {sessions:N0} sessions, cached", [.. warm.Skip(1)], 0, warm.Sum() / 1000),
        ];
    }
}
