using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClickHouse.Driver;
using Confluent.Kafka;
using Google.Protobuf;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using PokerTracker.TestSupport;
using StackExchange.Redis;

namespace PokerTracker.Tools.LoadGen;

/// <summary>A service run from its Release build as its own process.</summary>
public sealed class Service : IAsyncDisposable
{
    private Service(LocalProcess process) => Process = process;

    public LocalProcess Process { get; }

    public string Url => Process.ReadyValue.Replace("0.0.0.0", "127.0.0.1");

    public static async Task<Service> StartAsync(string project, IReadOnlyDictionary<string, string> env)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(RepoPaths.Root, project, "bin", RepoPaths.Configuration, "net10.0", project + ".dll"), "--urls", "http://127.0.0.1:0" },
        };
        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        start.Environment["Analytics__ConsumerGroup"] = "bench-analytics";
        start.Environment["Tilt__ConsumerGroup"] = "bench-tilt";
        return new Service(await LocalProcess.StartAsync(start, "Now listening on:", TimeSpan.FromSeconds(90)));
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}

/// <summary>The HTTP ceiling: Kestrel answering 200 to a small JSON POST, nothing else.</summary>
public sealed class Bare : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Bare(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public static Bare Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return Results.Ok();
        });
        app.StartAsync().GetAwaiter().GetResult();
        return new Bare(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public static class Players
{
    public static async Task<string> RegisterAsync(HttpClient http, string email)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/register", new { email, password = "benchmark password" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    public static async Task<string> StartAsync(HttpClient http, string token, DateTimeOffset? startedAt = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions")
        {
            Content = JsonContent.Create(new
            {
                kind = "cash", game = "NLHE", format = "live", venue = "Bench", currency = "USD",
                stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000, startedAt = startedAt ?? DateTimeOffset.UtcNow.AddHours(-2),
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    public static async Task<JsonObject> PostAsync(HttpClient http, string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject?> StatsAsync(HttpClient http, string token, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stats" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
    }
}

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

        // Uncached: every request asks a different question (a minimum duration it does not filter on).
        var cold = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var at = Stopwatch.GetTimestamp();
            var stats = await Players.StatsAsync(http, token, $"?minMinutes={i}&bankroll=1000000");
            cold.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
            if (stats?["sessions"]?.GetValue<int>() != sessions)
            {
                throw new InvalidOperationException($"statistics saw {stats?["sessions"]} sessions, not {sessions}");
            }
        }

        var warm = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var at = Stopwatch.GetTimestamp();
            await Players.StatsAsync(http, token, "?bankroll=1000000");
            warm.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
        }

        return
        [
            Load.Summarize($"statistics, {sessions:N0} sessions, uncached", [.. cold], 0, cold.Sum() / 1000),
            Load.Summarize($"statistics, {sessions:N0} sessions, cached", [.. warm.Skip(1)], 0, warm.Sum() / 1000),
        ];
    }
}

/// <summary>Events produced straight to Kafka; time until Tilt.Worker has assessed every one.</summary>
public static class TiltThroughput
{
    public static async Task<(int Assessments, double Seconds)> RunAsync(string bootstrap, string redisConnection, int sessions, int eventsEach)
    {
        var ids = Enumerable.Range(0, sessions).Select(_ => Guid.NewGuid().ToString()).ToList();
        using var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection);
        var watch = Stopwatch.StartNew();
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrap, EnableIdempotence = true, Acks = Acks.All, LingerMs = 5 }).Build())
        {
            var start = DateTimeOffset.UtcNow.AddHours(-3);
            foreach (var id in ids)
            {
                for (var q = 1; q <= eventsEach; q++)
                {
                    var at = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(start.AddMinutes(q));
                    var e = new SessionEventEnvelope { EventId = Guid.NewGuid().ToString(), SessionId = id, UserId = "tilt-bench", Sequence = q, OccurredAt = at, RecordedAt = at, SchemaVersion = 1 };
                    if (q == 1)
                    {
                        e.SessionStarted = new SessionStarted { Kind = SessionKind.Cash, Game = GameType.Nlhe, Format = PlayFormat.Live, Venue = "B", Currency = "USD", Stakes = new CashStakes { SmallBlind = 100, BigBlind = 200 }, StartedAt = at };
                    }
                    else if (q == 2)
                    {
                        e.BuyInAdded = new BuyInAdded { Kind = BuyInKind.Initial, Amount = 20_000 };
                    }
                    else
                    {
                        e.StackUpdated = new StackUpdated { Amount = 20_000 + (q % 7 - 3) * 1_000 };
                    }

                    producer.Produce(Topics.SessionEvents, new Message<string, byte[]> { Key = id, Value = e.ToByteArray() });
                }
            }

            producer.Flush();
        }

        var db = redis.GetDatabase();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var values = await db.StringGetAsync(ids.Select(id => (RedisKey)$"pt:tilt:session:{id}:seq").ToArray());
            if (values.All(v => !v.IsNullOrEmpty && (long)v == eventsEach))
            {
                break;
            }

            await Task.Delay(50);
        }

        return (sessions * eventsEach, watch.Elapsed.TotalSeconds);
    }
}

public static class RedisBenchmark
{
    public static double Run(int port)
    {
        using var process = System.Diagnostics.Process.Start(new ProcessStartInfo("redis-benchmark", $"-p {port} -t set -n 200000 -q") { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var match = System.Text.RegularExpressions.Regex.Match(text, @"SET: ([\d.]+) requests per second");
        return match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }
}

public static class Memory
{
    public static double PeakMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM", StringComparison.Ordinal));
        return line is null ? -1 : Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0, 1);
    }
}
