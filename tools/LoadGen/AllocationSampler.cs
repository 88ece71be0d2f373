using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace PokerTracker.Tools.LoadGen;

/// <summary>
/// What a process allocates, by type: the runtime's allocation ticks (one about every 100 KB
/// allocated, naming the type of the object that crossed the mark) over the diagnostics port, as
/// <c>dotnet-trace --profile gc-verbose</c> collects them. A sample, so shares are what it says,
/// not exact bytes.
/// </summary>
public sealed class AllocationSampler : IDisposable
{
    private readonly EventPipeReader _reader;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _bytesByType = [];

    private AllocationSampler(int pid)
    {
        var provider = new EventPipeProvider(ClrTraceEventParser.ProviderName, EventLevel.Verbose, (long)ClrTraceEventParser.Keywords.GC);
        _reader = new EventPipeReader(pid, provider, source => source.Clr.GCAllocationTick += tick =>
        {
            lock (_lock)
            {
                _bytesByType[tick.TypeName] = _bytesByType.GetValueOrDefault(tick.TypeName) + tick.AllocationAmount64;
            }
        });
    }

    private static AllocationSampler Start(int pid) => new(pid);

    /// <summary>The largest shares by type of what the process allocated while <paramref name="window"/> ran.</summary>
    public static async Task<Dictionary<string, double>> ProfileAsync(int pid, Func<Task> window, int top)
    {
        using var sampler = Start(pid);
        await window();
        return sampler.Top(top).ToDictionary(t => t.Type, t => t.Share);
    }

    /// <summary>The types that took the largest shares of the sampled bytes, largest first.</summary>
    public IReadOnlyList<(string Type, double Share)> Top(int count)
    {
        lock (_lock)
        {
            var total = Math.Max(1, _bytesByType.Values.Sum());
            return _bytesByType.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, Math.Round(p.Value / (double)total, 3))).ToList();
        }
    }

    public void Dispose() => _reader.Dispose();
}
