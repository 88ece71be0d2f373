using System.Globalization;
using StackExchange.Redis;

namespace PokerTracker.Tools.LoadGen;

/// <summary>
/// Redis's own count of the commands it ran and the time it spent in each (INFO commandstats), read
/// before and after a window: the calls per stack update do not depend on the machine's speed, so
/// they show a change in the work done even when the timings drift between runs.
/// </summary>
public sealed class RedisCommandStats(IConnectionMultiplexer redis)
{
    public async Task<Dictionary<string, (long Calls, long Microseconds)>> ReadAsync()
    {
        var info = (string?)await redis.GetDatabase().ExecuteAsync("INFO", "commandstats") ?? "";
        var stats = new Dictionary<string, (long, long)>();
        foreach (var line in info.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // cmdstat_evalsha:calls=123,usec=4567,usec_per_call=37.13,...
            var colon = line.IndexOf(':');
            if (!line.StartsWith("cmdstat_", StringComparison.Ordinal) || colon < 0)
            {
                continue;
            }

            var fields = line[(colon + 1)..].Split(',').Select(f => f.Split('=')).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
            if (fields.TryGetValue("calls", out var calls) && fields.TryGetValue("usec", out var usec))
            {
                stats[line[8..colon]] = (long.Parse(calls, CultureInfo.InvariantCulture), long.Parse(usec, CultureInfo.InvariantCulture));
            }
        }

        return stats;
    }

    /// <summary>Per update, by command: the calls and Redis's microseconds between two readings (commands under 0.01 call per update left out).</summary>
    public static (Dictionary<string, double> Calls, Dictionary<string, double> Microseconds) PerUpdate(
        Dictionary<string, (long Calls, long Microseconds)> before, Dictionary<string, (long Calls, long Microseconds)> after, long updates)
    {
        var delta = after.ToDictionary(a => a.Key, a => (Calls: a.Value.Calls - before.GetValueOrDefault(a.Key).Calls, Us: a.Value.Microseconds - before.GetValueOrDefault(a.Key).Microseconds))
            .Where(d => d.Value.Calls / (double)updates >= 0.01)
            .OrderByDescending(d => d.Value.Us)
            .ToList();
        return (delta.ToDictionary(d => d.Key, d => Math.Round(d.Value.Calls / (double)updates, 3)),
            delta.ToDictionary(d => d.Key, d => Math.Round(d.Value.Us / (double)updates, 2)));
    }
}
