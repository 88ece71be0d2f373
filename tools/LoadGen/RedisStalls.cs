using System.Globalization;
using StackExchange.Redis;

namespace PokerTracker.Tools.LoadGen;

/// <summary>
/// Where Redis itself stalled during a scenario: its latency monitor (every event over a threshold:
/// a slow command, a fork for an AOF rewrite, a slow AOF write) and its fork and AOF-rewrite counts,
/// read after each scenario and reset. Redis runs one command at a time, so a stall here holds every
/// request that waits on it — a candidate for the tail of the latencies the scenario measured.
/// Its slow log names the commands behind the "command" events: one kind of command that is always
/// slow is work to cut; slow commands of every kind are Redis waiting for a core.
/// </summary>
public sealed class RedisStalls(IConnectionMultiplexer redis, int thresholdMs = 5)
{
    private readonly Dictionary<string, long> _counts = [];

    /// <summary>
    /// An experiment, off by default: Redis at another scheduling priority (BENCH_REDIS_NICE=-10), as if it
    /// had a core of its own, to measure how much of the tail is Redis waiting for a core.
    /// </summary>
    public static async Task ReniceIfAskedAsync(int pid, Dictionary<string, object> notes)
    {
        if (Environment.GetEnvironmentVariable("BENCH_REDIS_NICE") is { Length: > 0 } nice)
        {
            using var renice = Process.Start("renice", ["-n", nice, "-p", pid.ToString(CultureInfo.InvariantCulture)]);
            await renice.WaitForExitAsync();
            notes["redis_nice"] = nice;
            Console.WriteLine($"redis at nice {nice} (renice exit {renice.ExitCode})");
        }
    }

    public async Task StartAsync()
    {
        var db = redis.GetDatabase();
        await db.ExecuteAsync("CONFIG", "SET", "latency-monitor-threshold", thresholdMs.ToString(CultureInfo.InvariantCulture));
        await db.ExecuteAsync("LATENCY", "RESET");
        await db.ExecuteAsync("CONFIG", "SET", "slowlog-log-slower-than", (thresholdMs * 1000).ToString(CultureInfo.InvariantCulture));
        await db.ExecuteAsync("CONFIG", "SET", "slowlog-max-len", "1024");
        await db.ExecuteAsync("SLOWLOG", "RESET");
        foreach (var (key, value) in await CountsAsync())
        {
            _counts[key] = value;
        }
    }

    /// <summary>Since the last reading: each stall event's worst and how many seconds had one, forks and AOF rewrites.</summary>
    public async Task<Dictionary<string, object>> ReadAsync()
    {
        var db = redis.GetDatabase();
        var events = new Dictionary<string, object>();
        foreach (var row in (RedisResult[])(await db.ExecuteAsync("LATENCY", "LATEST"))!)
        {
            // event name, unix time of the latest, latest ms, all-time max ms (since the reset)
            var fields = (RedisResult[])row!;
            var name = (string)fields[0]!;
            var seconds = ((RedisResult[])(await db.ExecuteAsync("LATENCY", "HISTORY", name))!).Length;
            events[name] = new Dictionary<string, long> { ["max_ms"] = (long)fields[3], ["seconds_with_one"] = seconds };
        }

        await db.ExecuteAsync("LATENCY", "RESET");
        var result = new Dictionary<string, object> { ["over_" + thresholdMs + "_ms"] = events, ["slow_commands"] = await SlowCommandsAsync(db) };
        foreach (var (key, value) in await CountsAsync())
        {
            result[key] = value - _counts.GetValueOrDefault(key);
            _counts[key] = value;
        }

        return result;
    }

    /// <summary>The slow log since the last reading, by command (a script by its first key's kind): how many, and the worst in ms.</summary>
    private static async Task<Dictionary<string, Dictionary<string, double>>> SlowCommandsAsync(IDatabase db)
    {
        var byCommand = new Dictionary<string, Dictionary<string, double>>();
        foreach (var row in (RedisResult[])(await db.ExecuteAsync("SLOWLOG", "GET", "1024"))!)
        {
            // id, unix time, duration µs, arguments, client address, client name
            var fields = (RedisResult[])row!;
            var args = (RedisResult[])fields[3]!;
            var name = ((string?)args[0] ?? "?").ToLowerInvariant();
            if (name is "evalsha" or "eval" && args.Length > 3)
            {
                name += " " + KeyKind((string?)args[3] ?? "");
            }

            var ms = (long)fields[2] / 1000.0;
            var entry = byCommand.TryGetValue(name, out var found) ? found : byCommand[name] = new() { ["count"] = 0, ["max_ms"] = 0 };
            entry["count"]++;
            entry["max_ms"] = Math.Max(entry["max_ms"], ms);
        }

        await db.ExecuteAsync("SLOWLOG", "RESET");
        return byCommand;
    }

    // "pt:session:{id}" → "pt:session": the kind of key a script works on, without the id.
    private static string KeyKind(string key) => string.Join(':', key.Split(':').Take(2));

    private async Task<Dictionary<string, long>> CountsAsync()
    {
        var info = (string?)await redis.GetDatabase().ExecuteAsync("INFO", "all") ?? "";
        var wanted = new[] { "total_forks", "aof_rewrites", "total_fork_usec" };
        var counts = new Dictionary<string, long>();
        foreach (var line in info.Split('\n', StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && wanted.Contains(line[..colon]) && long.TryParse(line[(colon + 1)..], CultureInfo.InvariantCulture, out var value))
            {
                counts[line[..colon]] = value;
            }
        }

        return counts;
    }
}
