using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PokerTracker.TestSupport;
using PokerTracker.Tools.LoadGen;

// The benchmark: real engines and services as separate processes, the same load generator for
// the system and for a bare Kestrel endpoint (the HTTP ceiling), results as a table and JSON.
//   ./scripts/bench.sh [seconds] [scenarios]   (builds Release, runs this, writes .bench/results.json)
// scenarios: a comma-separated subset of bare,ingest,floors,live,freshness,statistics,tilt,hands,replica,redis (default: all);
// alloc (allocations by type) and allocstacks (by call stack) run only when named.
if (args is [FrameworkFloor.Command, var layer, var sample, .. var rest])
{
    await FrameworkFloor.ServeAsync(layer, Guid.Parse(sample), rest); // a child of the floors scenario (FrameworkFloor.cs)
    return;
}

var seconds = args.Length > 0 ? int.Parse(args[0]) : 15;
var selected = args.Length > 1 && args[1].Length > 0 ? args[1].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet() : null;
bool Runs(string scenario) => selected is null || selected.Contains(scenario);
var results = new List<LoadResult>();
var notes = new Dictionary<string, object>();
Console.WriteLine($"PokerTracker benchmark: {Environment.ProcessorCount} cores, {seconds} s per load scenario");

await using var redis = await RedisServer.StartAsync();
await RedisStalls.ReniceIfAskedAsync(redis.Pid, notes);

await using var kafka = await KafkaBroker.StartAsync("--topics", string.Join(",", [.. Topics.All, Floors.Topic]));
await using var clickhouse = await ClickHouseServer.StartAsync();
var env = new Dictionary<string, string>
{
    ["ConnectionStrings__redis"] = redis.ConnectionString,
    ["ConnectionStrings__kafka"] = kafka.BootstrapServers,
    ["ConnectionStrings__clickhouse"] = clickhouse.ConnectionString(),
    ["Auth__SigningKey"] = "benchmark-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    ["RateLimits__WritesPerSecond"] = "1000000", ["RateLimits__WriteBurst"] = "1000000", ["RateLimits__WritesPerDay"] = "100000000", ["RateLimits__WritesPerAddressPerSecond"] = "1000000",
    ["RateLimits__AuthPerMinute"] = "100000", ["RateLimits__StatisticsPerSecond"] = "100000", ["RateLimits__ReadsPerSecond"] = "100000", ["RateLimits__StreamsPerUser"] = "20", ["Sessions__MaxActiveSessionsFree"] = "1000",
    ["Logging__LogLevel__Default"] = "Warning", ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    ["MALLOC_ARENA_MAX"] = "2", // as the app host runs and publishes every service (WithFewMallocArenas)
};
await using var api = await Service.StartAsync("Session.Api", env);
await using var analytics = await Service.StartAsync("Analytics.Worker", env);
await using var tilt = await Service.StartAsync("Tilt.Worker", env);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 2_000, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromSeconds(60),
};

// 1. The HTTP ceiling: a bare Kestrel endpoint, same generator, same concurrency.
const int concurrency = 32;
var processes = new Dictionary<string, int>
{
    ["redis"] = redis.Pid, ["kafka"] = kafka.Process.Id, ["clickhouse"] = clickhouse.Process.Id, ["session-api"] = api.Process.Id,
    ["analytics-worker"] = analytics.Process.Id, ["tilt-worker"] = tilt.Process.Id, ["load generator"] = Environment.ProcessId,
};
// Peak memory per scenario: each process's peak is read after a scenario and started again.
var peaks = new Dictionary<string, Dictionary<string, double>>();
// Redis's own stalls per scenario (its latency monitor, forks, AOF rewrites), read at the same points.
using var stallsRedis = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
var redisStalls = new RedisStalls(stallsRedis);
await redisStalls.StartAsync();
var stalls = new Dictionary<string, object>();
async Task CheckpointAsync(string scenario)
{
    peaks[scenario] = processes.ToDictionary(p => p.Key, p => Memory.PeakMb(p.Value));
    foreach (var pid in processes.Values)
    {
        Memory.ResetPeak(pid);
    }

    stalls[scenario] = await redisStalls.ReadAsync();
}

// A fresh store: Session.Api solves the push/fold spots once in the background (SolutionStore) and
// keeps them in Redis; a running deployment has them already. The scenarios wait for that one-off
// work to end, so that it does not weigh on what they measure.
using (var solutions = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
{
    var warm = Stopwatch.StartNew();
    long last = -1, now;
    while ((now = await solutions.GetDatabase().HashLengthAsync("pt:training:solutions")) != last || now == 0)
    {
        last = now;
        if (warm.Elapsed > TimeSpan.FromMinutes(4))
        {
            break;
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
    }

    notes["push_fold_warm_up_seconds"] = Math.Round(warm.Elapsed.TotalSeconds);
    Console.WriteLine($"push/fold solutions ready: {now} in {warm.Elapsed.TotalSeconds:F0} s");
}

await CheckpointAsync("start");
if (Runs("bare"))
{
    await using var bare = Bare.Start();
    using var bareHttp = new HttpClient { BaseAddress = new Uri(bare.Url) };
    const string name = "baseline: bare Kestrel POST";
    HttpRequestMessage Post(int worker, long n) => new(HttpMethod.Post, "/") { Content = Players.Json(new { amount = 20_000 + n % 5_000 }) };
    await Load.MeasureAsync(name, bareHttp, concurrency, Load.WarmUp, Post);
    var (baseline, cores) = await Cpu.MeasureAsync(processes, () => Load.MeasureAsync(name, bareHttp, concurrency, TimeSpan.FromSeconds(seconds), Post));
    results.Add(baseline);
    // The floor under any HTTP command: the endpoint and its client live in this one process, so its CPU per
    // request is what one request and its answer cost the machine before any work is done.
    notes["bare_cpu_us_per_request"] = Math.Round(cores["load generator"] * 1e6 / baseline.PerSecond, 1);
    notes["bare_cpu_us_per_request_all_processes"] = Math.Round(cores.Values.Sum() * 1e6 / baseline.PerSecond, 1);
}

// 2. Tilt: assessments per second through Tilt.Worker (events produced straight to Kafka), on sessions of
//    100 events. It runs before the ingest scenario, whose few sessions grow to thousands of events each.
if (Runs("tilt"))
{
    using var tiltRedis = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
    var tiltCommands = new RedisCommandStats(tiltRedis);
    var tiltBefore = await tiltCommands.ReadAsync();
    var (assessments, tiltSeconds, producedAfter) = await TiltThroughput.RunAsync(kafka.BootstrapServers, redis.ConnectionString, sessions: 200, eventsEach: 100);
    notes["tilt_redis_calls_per_event_by_command"] = RedisCommandStats.PerUpdate(tiltBefore, await tiltCommands.ReadAsync(), assessments).Calls;
    notes["tilt_assessments_per_second"] = Math.Round(assessments / tiltSeconds);
    notes["tilt_events_produced_after_seconds"] = Math.Round(producedAfter, 2); // the generator's own share of the time above
}

await CheckpointAsync("tilt");
// 3. Ingest: players posting stack updates with their tokens, keep-alive.
var players = new List<(string Token, string Session)>();
for (var i = 0; i < concurrency; i++)
{
    var token = await Players.RegisterAsync(http, $"bench-{i}-{Guid.NewGuid():N}@pokertracker.test");
    players.Add((token, await Players.StartAsync(http, token)));
}

// A stack update as the app sends it: the amount, when it was tapped, and an idempotency key.
HttpRequestMessage StackUpdate(int w, long n) =>
    Players.Command($"/api/sessions/{players[w].Session}/stack", players[w].Token, new { amount = 20_000 + n % 5_000, at = DateTimeOffset.UtcNow });

if (Runs("ingest"))
{
    const string name = "ingest: stack updates";
    var dotnet = new[] { "session-api", "analytics-worker", "tilt-worker" };
    // The counters run through the warm-up, so that the window follows load, not an idle pause: a counter's value
    // arrives a moment after the second it covers, and one from an idle second would be counted in the window.
    var counters = dotnet.ToDictionary(n => n, n => RuntimeCounters.Start(processes[n]));
    await Load.MeasureAsync(name, http, concurrency, Load.WarmUp, StackUpdate);
    using var redisClient = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
    var commandStats = new RedisCommandStats(redisClient);
    var commandsBefore = await commandStats.ReadAsync();
    var from = DateTime.UtcNow;
    var allocatedHere = GC.GetTotalAllocatedBytes(precise: true);
    var redisChildren = Cpu.Read(processes["redis"]).Children;
    var (ingest, cores) = await Cpu.MeasureAsync(processes, () => Load.MeasureAsync(name, http, concurrency, TimeSpan.FromSeconds(seconds), StackUpdate));
    var to = DateTime.UtcNow;
    // The work that follows the window's updates (relay, workers) is still under way: it is counted
    // once it settles, so each update's whole share is in the figure.
    await Task.Delay(TimeSpan.FromSeconds(3));
    var (redisCalls, redisMicroseconds) = RedisCommandStats.PerUpdate(commandsBefore, await commandStats.ReadAsync(), ingest.Requests);
    notes["ingest_redis_calls_per_update_by_command"] = redisCalls;
    notes["ingest_redis_us_per_update_by_command"] = redisMicroseconds;
    notes["ingest_redis_calls_per_update_total"] = Math.Round(redisCalls.Values.Sum(), 2);
    // How far Tilt.Worker is behind the players' sessions once the window closed and settled (events not assessed yet).
    long tiltBehind = 0;
    foreach (var (_, session) in players)
    {
        var db = redisClient.GetDatabase();
        var version = (long?)await db.HashGetAsync(PokerTracker.SharedKernel.LiveStore.LiveStoreKeys.Session(Guid.Parse(session)), "version") ?? 0;
        tiltBehind += version - ((long?)await db.StringGetAsync(PokerTracker.SharedKernel.Tilt.TiltKeys.LastSequence(session)) ?? 0);
    }

    notes["ingest_tilt_events_behind_3s_after"] = tiltBehind;
    // What each update writes again in full: the session's document (its state, not its events).
    notes["ingest_session_document_bytes"] = await redisClient.GetDatabase().HashStringLengthAsync(
        PokerTracker.SharedKernel.LiveStore.LiveStoreKeys.Session(Guid.Parse(players[0].Session)), "doc");
    allocatedHere = GC.GetTotalAllocatedBytes(precise: true) - allocatedHere;
    results.Add(ingest);
    notes["ingest_cpu_cores_by_process"] = cores;
    notes["ingest_cpu_us_per_update_by_process"] = cores.ToDictionary(c => c.Key, c => Math.Round(c.Value * 1e6 / ingest.PerSecond, 1));
    notes["ingest_cpu_us_per_update_total"] = Math.Round(cores.Values.Sum() * 1e6 / ingest.PerSecond, 1);
    // Of Redis's figure, its forked children's: rewriting the append-only file (ended within the window and the 3 s after it).
    notes["ingest_redis_rewrite_cpu_us_per_update"] = Math.Round((Cpu.Read(processes["redis"]).Children - redisChildren) * 1e6 / ingest.Requests, 1);
    var runtime = counters.ToDictionary(c => c.Key, c => c.Value.Average(from, to));
    foreach (var c in counters.Values)
    {
        c.Dispose();
    }

    double PerUpdate(string process, string counter) => runtime[process].GetValueOrDefault(counter, double.NaN) / ingest.PerSecond;
    var allocated = dotnet.ToDictionary(n => n, n => Math.Round(PerUpdate(n, "alloc-rate")));
    allocated["load generator"] = Math.Round(allocatedHere / (double)ingest.Requests);
    notes["ingest_bytes_allocated_per_update_by_process"] = allocated;
    notes["ingest_threadpool_items_per_update_by_process"] = dotnet.ToDictionary(n => n, n => Math.Round(PerUpdate(n, "threadpool-completed-items-count"), 2));
    notes["ingest_lock_contentions_per_second_by_process"] = dotnet.ToDictionary(n => n, n => Math.Round(runtime[n].GetValueOrDefault("monitor-lock-contention-count", double.NaN)));
    notes["ingest_gc_heap_mb_by_process"] = dotnet.ToDictionary(n => n, n => Math.Round(runtime[n].GetValueOrDefault("gc-heap-size", double.NaN), 1));
    notes["ingest_gen2_collections_per_second_by_process"] = dotnet.ToDictionary(n => n, n => Math.Round(runtime[n].GetValueOrDefault("gen-2-gc-count", double.NaN), 2));
    if (results.FirstOrDefault(r => r.Scenario.StartsWith("baseline", StringComparison.Ordinal)) is { } baseline)
    {
        notes["ingest_vs_bare"] = Math.Round(ingest.PerSecond / baseline.PerSecond, 3);
    }
}

await CheckpointAsync("ingest");
// 3a. The engines' floor: what Redis, Kafka and ClickHouse do for one update at the least, each alone (Floors.cs).
if (Runs("floors") && players.Count > 0)
{
    using var floorRedis = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
    var floors = await Floors.MeasureAsync(floorRedis, redis.Pid, kafka.BootstrapServers, kafka.Process.Id, clickhouse.ConnectionString(), clickhouse.Process.Id, Guid.Parse(players[0].Session), 20_000);
    notes["floor_cpu_us_per_update_by_engine"] = floors;
    notes["floor_framework_per_request_by_layer"] = await FrameworkFloor.MeasureAsync(env, Guid.Parse(players[0].Session), concurrency, TimeSpan.FromSeconds(seconds), StackUpdate);
}

await CheckpointAsync("floors");
// 3b. Where Session.Api's allocations go during ingest, by type (a sampled profile) and by call stack (a trace
//     resolved after its window); each in its own window, so the tracing does not weigh on the figures above.
//     Only when asked for: "alloc", "allocstacks".
Task IngestWindow(string name) => Load.MeasureAsync(name, http, concurrency, TimeSpan.FromSeconds(seconds), StackUpdate);
if (selected?.Contains("alloc") == true)
{
    notes["session_api_allocations_by_type"] = await AllocationSampler.ProfileAsync(api.Process.Id, () => IngestWindow("ingest (allocation profile)"), 25);
}

await CheckpointAsync("alloc");
if (selected?.Contains("allocstacks") == true)
{
    notes["session_api_allocations_by_stack"] = await AllocationStacks.ProfileAsync(api.Process.Id, () => IngestWindow("ingest (allocation stacks)"), 40);
}

await CheckpointAsync("allocstacks");
// 4. Live: 1,000 open SSE streams while events are posted at half the ingest capacity just measured
//    (at most 1,000/s), so the scenario means the same on a slower machine; POST → SSE latency.
if (Runs("live"))
{
    var measured = results.FirstOrDefault(r => r.Scenario.StartsWith("ingest", StringComparison.Ordinal))?.PerSecond;
    var rate = measured is { } capacity ? (int)Math.Clamp(capacity / 2, 50, 1_000) : 1_000;
    notes["live_posts_per_second"] = rate;
    var ((live, answered, fanOut), liveCores) = await Cpu.MeasureAsync(processes, () => Live.RunAsync(http, streams: 1_000, eventsPerSecond: rate, TimeSpan.FromSeconds(Math.Min(seconds, 10))));
    results.Add(live);
    results.Add(answered);
    results.Add(fanOut);
    notes["live_cpu_cores_by_process"] = liveCores; // with the streams' set-up: is the machine full while it runs?
    notes["live_cpu_cores_total"] = Math.Round(liveCores.Values.Sum(), 2);
}

await CheckpointAsync("live");
// 5. Freshness: a command → visible in statistics (ClickHouse, through the worker).
if (Runs("freshness"))
{
    results.Add(await Freshness.RunAsync(http, samples: 20));
}

await CheckpointAsync("freshness");
// 6. Statistics query time for players with 100, 1,000 and 10,000 sessions (1M events stored for the last).
foreach (var count in Runs("statistics") ? new[] { 100, 1_000, 10_000 } : [])
{
    results.AddRange(await Statistics.RunAsync(http, clickhouse.ConnectionString(), count, count == 10_000 ? 1_000_000 : count * 100));
}

await CheckpointAsync("statistics");
// 7. Hand histories: an upload's throughput, and the hand statistics over 1,000,000 hands.
if (Runs("hands"))
{
    var (handResults, handNotes) = await HandsScenario.RunAsync(http, clickhouse.ConnectionString(), copies: 50, hands: 1_000_000);
    results.AddRange(handResults);
    foreach (var (key, value) in handNotes)
    {
        notes[key] = value;
    }
}

await CheckpointAsync("hands");
// 8. A new replica's first seconds under load: as built (JIT) and published ReadyToRun (scripts/bench.sh publishes it).
if (Runs("replica"))
{
    await NewReplica.RunBothAsync(env, concurrency, StackUpdate, results, notes);
}

await CheckpointAsync("replica");
// 9. Redis's own ceiling on this machine.
if (Runs("redis"))
{
    notes["redis_benchmark_set_per_second"] = RedisBenchmark.Run(redis.Port, redis.Password);
}

// Peak memory of every process.
notes["peak_memory_mb"] = processes.ToDictionary(p => p.Key, p => peaks.Values.Max(v => v[p.Key]));
notes["peak_memory_mb_by_scenario"] = peaks;
notes["redis_stalls_by_scenario"] = stalls;

await Report.WriteAsync(results, notes, seconds);
