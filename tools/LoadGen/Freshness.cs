namespace PokerTracker.Tools.LoadGen;

/// <summary>A session ended → counted in the player's statistics (outbox, Kafka, worker, ClickHouse, cache).</summary>
public static class Freshness
{
    public static async Task<LoadResult> RunAsync(HttpClient http, int samples)
    {
        var token = await Players.RegisterAsync(http, $"fresh-{Guid.NewGuid():N}@pokertracker.test");
        var latencies = new List<double>();
        for (var i = 1; i <= samples + 1; i++)
        {
            var session = await Players.StartAsync(http, token);
            var at = Stopwatch.GetTimestamp();
            await Players.PostAsync(http, token, $"/api/sessions/{session}/end", new { cashOut = 25_000 });
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await Players.StatsAsync(http, token))?["sessions"]?.GetValue<int>() != i && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }

            if (i > 1)
            {
                latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds); // the first warms the consumer group up
            }
        }

        return Load.Summarize("freshness: command → statistics", [.. latencies], 0, latencies.Sum() / 1000);
    }
}
