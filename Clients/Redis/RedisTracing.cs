using System.Diagnostics;
using PokerTracker.Contracts;

namespace PokerTracker.Clients.Redis;

/// <summary>
/// Spans for the Redis calls that matter to a trace (a command's atomic append, the tilt worker's
/// figures), started only inside a trace that is already running. The client's automatic
/// per-command tracing is off: it profiled every command, background polling included (a root
/// span per poll), allocating and locking on the hot path for spans no one reads.
/// </summary>
public static class RedisTracing
{
    private static readonly ActivitySource Source = new(Telemetry.Name);

    /// <summary>A client span named for the Redis operation, or null outside a trace (or when nobody listens).</summary>
    public static Activity? Start(string operation, string? target = null)
    {
        if (Activity.Current is null)
        {
            return null;
        }

        var activity = Source.StartActivity(operation, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", "redis");
            activity.SetTag("db.operation.name", operation);
            if (target is not null)
            {
                activity.SetTag("db.collection.name", target);
            }
        }

        return activity;
    }
}
