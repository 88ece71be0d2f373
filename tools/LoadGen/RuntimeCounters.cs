using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace PokerTracker.Tools.LoadGen;

/// <summary>
/// The .NET runtime's own counters of a running process (its "System.Runtime" EventCounters, read
/// over the diagnostics port as dotnet-counters does): bytes allocated, thread-pool work items,
/// lock contentions and GC heap size, one value per second. Start before a measured window and
/// read the averages over the seconds inside it.
/// </summary>
public sealed class RuntimeCounters : IDisposable
{
    private readonly EventPipeReader _reader;
    private readonly Lock _lock = new();
    private readonly List<(DateTime At, string Name, double Value)> _samples = [];

    private RuntimeCounters(int pid)
    {
        var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0, new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" });
        _reader = new EventPipeReader(pid, provider, source => source.Dynamic.All += e =>
        {
            if (e.EventName != "EventCounters" || e.PayloadValue(0) is not IDictionary<string, object> outer
                || outer["Payload"] is not IDictionary<string, object> payload)
            {
                return;
            }

            // Incrementing counters (per interval) carry "Increment"; the others "Mean".
            var value = payload.TryGetValue("Increment", out var increment) ? Convert.ToDouble(increment) : Convert.ToDouble(payload["Mean"]);
            var seconds = Convert.ToDouble(payload["IntervalSec"]);
            var perSecond = payload.ContainsKey("Increment") && seconds > 0 ? value / seconds : value;
            lock (_lock)
            {
                _samples.Add((DateTime.UtcNow, (string)payload["Name"], perSecond));
            }
        });
    }

    public static RuntimeCounters Start(int pid) => new(pid);

    /// <summary>The average of each counter over samples taken between <paramref name="from"/> and <paramref name="to"/> (per second for rates).</summary>
    public Dictionary<string, double> Average(DateTime from, DateTime to)
    {
        lock (_lock)
        {
            return _samples.Where(s => s.At > from.AddSeconds(1) && s.At <= to) // a sample covers the second before it
                .GroupBy(s => s.Name)
                .ToDictionary(g => g.Key, g => g.Average(s => s.Value));
        }
    }

    public void Dispose() => _reader.Dispose();
}
