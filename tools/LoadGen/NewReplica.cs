namespace PokerTracker.Tools.LoadGen;

/// <summary>
/// A new replica's first seconds: a fresh Session.Api process (a deployment, a scale-out) takes a
/// full load of stack updates the moment its /health says ready (as a deployment's readiness probe
/// decides), with no warm-up by the generator. The same code is run twice in
/// one benchmark: as built (compiled by the JIT as it runs) and published ReadyToRun (compiled
/// ahead of time), so the two are measured against the same stores, players and machine.
/// </summary>
public static class NewReplica
{
    /// <summary>As built (JIT) and as published ReadyToRun (scripts/bench.sh publishes it into .bench/r2r).</summary>
    public static async Task RunBothAsync(IReadOnlyDictionary<string, string> env, int concurrency, Func<int, long, HttpRequestMessage> make, List<LoadResult> results, Dictionary<string, object> notes)
    {
        var published = Path.Combine(RepoPaths.Root, ".bench", "r2r", "Session.Api");
        foreach (var (label, directory) in new[] { ("JIT", (string?)null), ("ReadyToRun", published) })
        {
            if (directory is not null && !File.Exists(Path.Combine(directory, "Session.Api.dll")))
            {
                Console.WriteLine($"new replica, {label}: no build in {directory} (scripts/bench.sh publishes it)");
                continue;
            }

            var (replicaResults, replicaNotes) = await RunAsync(label, directory, env, concurrency, make);
            results.AddRange(replicaResults);
            foreach (var (key, value) in replicaNotes)
            {
                notes[key] = value;
            }
        }
    }

    private static async Task<(List<LoadResult> Results, Dictionary<string, double> Notes)> RunAsync(
        string label, string? directory, IReadOnlyDictionary<string, string> env, int concurrency, Func<int, long, HttpRequestMessage> make)
    {
        var started = Stopwatch.StartNew();
        await using var replica = await Service.StartAsync("Session.Api", env, directory);
        var listening = started.Elapsed.TotalSeconds;
        var pid = replica.Process.Id;
        var cpuToListening = Cpu.Seconds(pid);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 2_000 }) { BaseAddress = new Uri(replica.Url), Timeout = TimeSpan.FromSeconds(60) };
        // As a deployment's readiness probe does: players are sent to the replica once /health says ready
        // (it warms itself up first, see Session.Api's WarmUp).
        while (true)
        {
            using var health = await http.GetAsync("/health");
            if (health.IsSuccessStatusCode || started.Elapsed > TimeSpan.FromSeconds(60))
            {
                break;
            }

            await Task.Delay(50);
        }

        var ready = started.Elapsed.TotalSeconds;
        var cpuToReady = Cpu.Seconds(pid);
        var first = await Load.MeasureAsync($"new replica, {label}: its first second", http, concurrency, TimeSpan.FromSeconds(1), make);
        var next = await Load.MeasureAsync($"new replica, {label}: seconds 2-5", http, concurrency, TimeSpan.FromSeconds(4), make);
        var cpuUnderLoad = Cpu.Seconds(pid) - cpuToReady;
        var key = label.ToLowerInvariant().Replace(' ', '_');
        return ([first, next], new Dictionary<string, double>
        {
            [$"new_replica_{key}_seconds_to_listening"] = Math.Round(listening, 2),
            [$"new_replica_{key}_cpu_seconds_to_listening"] = Math.Round(cpuToListening, 2),
            [$"new_replica_{key}_seconds_to_ready"] = Math.Round(ready, 2),
            [$"new_replica_{key}_cpu_seconds_to_ready"] = Math.Round(cpuToReady, 2),
            [$"new_replica_{key}_cpu_seconds_first_5s"] = Math.Round(cpuUnderLoad, 2),
            [$"new_replica_{key}_updates_first_5s"] = first.Requests + next.Requests,
            [$"new_replica_{key}_peak_mb"] = Memory.PeakMb(pid), // its own peak working set, from its start
        });
    }
}
