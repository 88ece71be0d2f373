namespace PokerTracker.Tools.LoadGen;

/// <summary>1,000 open SSE streams (10 per player) and a steady rate of posts: time from POST to delivery.</summary>
public static class Live
{
    public static async Task<LoadResult> RunAsync(HttpClient http, int streams, int eventsPerSecond, TimeSpan duration)
    {
        const int perPlayer = 10;
        var players = new List<(string Token, string Session)>();
        for (var i = 0; i < streams / perPlayer; i++)
        {
            var token = await Players.RegisterAsync(http, $"live-{i}-{Guid.NewGuid():N}@pokertracker.test");
            players.Add((token, await Players.StartAsync(http, token)));
        }

        var sent = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentBag<double>();
        using var stop = new CancellationTokenSource();
        var readers = new List<Task>();
        var connected = 0;
        foreach (var (token, _) in players)
        {
            for (var s = 0; s < perPlayer; s++)
            {
                readers.Add(Task.Run(async () =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me/events");
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
                    Interlocked.Increment(ref connected);
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
                    try
                    {
                        while (await reader.ReadLineAsync(stop.Token) is { } line)
                        {
                            if (line.StartsWith("data: ", StringComparison.Ordinal))
                            {
                                var data = JsonNode.Parse(line[6..])!;
                                if (sent.TryGetValue($"{data["sessionId"]}:{data["sequence"]}", out var at))
                                {
                                    latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                                }
                            }
                        }
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }));
            }
        }

        while (connected < streams)
        {
            await Task.Delay(50);
        }

        var interval = TimeSpan.FromSeconds(1.0 / eventsPerSecond);
        var watch = Stopwatch.StartNew();
        var posts = new List<Task>();
        long errors = 0, n = 0;
        while (watch.Elapsed < duration)
        {
            var (token, session) = players[(int)(n % players.Count)];
            var amount = 20_000 + n++;
            posts.Add(Task.Run(async () =>
            {
                var at = Stopwatch.GetTimestamp();
                try
                {
                    var result = await Players.PostAsync(http, token, $"/api/sessions/{session}/stack", new { amount });
                    sent.TryAdd($"{session}:{result["version"]}", at);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }));
            var next = TimeSpan.FromTicks(interval.Ticks * n);
            if (next > watch.Elapsed)
            {
                await Task.Delay(next - watch.Elapsed);
            }
        }

        await Task.WhenAll(posts);
        await Task.Delay(1_000);
        await stop.CancelAsync();
        await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        return Load.Summarize($"live: POST → SSE ({streams} streams, {eventsPerSecond}/s)", [.. latencies], errors, watch.Elapsed.TotalSeconds);
    }
}
