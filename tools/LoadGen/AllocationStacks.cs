using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace PokerTracker.Tools.LoadGen;

/// <summary>
/// What a process allocates, by call stack: the runtime's allocation ticks (one about every 100 KB
/// allocated) with the stack of each, written to a trace file while the window runs and resolved
/// afterwards (TraceEvent's <see cref="TraceLog"/>, method names from the runtime's rundown), as
/// <c>dotnet-trace collect --providers Microsoft-Windows-DotNETRuntime:0x1:5</c> would. A sample:
/// shares of the sampled bytes, not exact bytes.
/// </summary>
public sealed class AllocationStacks : IAsyncDisposable
{
    // GC (allocation ticks), loader and JIT (so that methods compiled during the window have names).
    private const long Keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.Loader | ClrTraceEventParser.Keywords.Jit);
    private readonly EventPipeSession _session;
    private readonly string _path;
    private readonly Task _copy;

    private AllocationStacks(int pid)
    {
        _path = Path.Combine(Path.GetTempPath(), $"pokertracker-alloc-{pid}-{Environment.TickCount64}.nettrace");
        _session = new DiagnosticsClient(pid).StartEventPipeSession(
            new EventPipeProvider(ClrTraceEventParser.ProviderName, EventLevel.Verbose, Keywords), requestRundown: true);
        _copy = Task.Run(async () =>
        {
            await using var file = File.Create(_path);
            await _session.EventStream.CopyToAsync(file);
        });
    }

    private static AllocationStacks Start(int pid) => new(pid);

    /// <summary>The profile of what the process allocated while <paramref name="window"/> ran.</summary>
    public static async Task<Profile> ProfileAsync(int pid, Func<Task> window, int top)
    {
        await using var stacks = Start(pid);
        await window();
        return await stacks.StopAsync(top);
    }

    /// <summary>
    /// Stops the trace and resolves it: the sampled bytes by the type and the method that allocated it (the
    /// innermost frame, with the first caller outside the base library), by the innermost frame of PokerTracker's own code, and by every method on the stack
    /// (inclusive: a share of bytes allocated by it or anything it called). Shares of the total.
    /// </summary>
    public async Task<Profile> StopAsync(int top)
    {
        _session.Stop();
        await _copy.WaitAsync(TimeSpan.FromSeconds(60));
        var etlx = TraceLog.CreateFromEventPipeDataFile(_path);
        try
        {
            using var log = new TraceLog(etlx);
            var leaf = new Dictionary<string, long>();
            var own = new Dictionary<string, long>();
            var inclusive = new Dictionary<string, long>();
            long total = 0;
            var source = log.Events.GetSource();
            source.Clr.GCAllocationTick += tick =>
            {
                var bytes = tick.AllocationAmount64;
                total += bytes;
                var seen = new HashSet<string>();
                string? first = null;
                string? caller = null;
                string? firstOwn = null;
                for (var frame = tick.CallStack(); frame is not null; frame = frame.Caller)
                {
                    var name = frame.CodeAddress.FullMethodName;
                    if (string.IsNullOrEmpty(name))
                    {
                        continue;
                    }

                    first ??= name;
                    if (caller is null && !ReferenceEquals(name, first) && !name.StartsWith("System.", StringComparison.Ordinal))
                    {
                        caller = name;
                    }

                    if (firstOwn is null && name.StartsWith("PokerTracker.", StringComparison.Ordinal))
                    {
                        firstOwn = name;
                    }

                    if (seen.Add(name))
                    {
                        inclusive[name] = inclusive.GetValueOrDefault(name) + bytes;
                    }
                }

                Add(leaf, $"{tick.TypeName} ← {first ?? "?"} ← {caller ?? "?"}", bytes);
                Add(own, firstOwn ?? "(no PokerTracker frame)", bytes);
            };
            source.Process();
            return new Profile(Top(leaf, total, top), Top(own, total, top), Top(inclusive, total, top * 2));
        }
        finally
        {
            File.Delete(etlx);
        }
    }

    private static void Add(Dictionary<string, long> into, string key, long bytes) => into[key] = into.GetValueOrDefault(key) + bytes;

    private static Dictionary<string, double> Top(Dictionary<string, long> bytes, long total, int count) =>
        bytes.OrderByDescending(p => p.Value).Take(count).ToDictionary(p => p.Key, p => Math.Round(p.Value / (double)Math.Max(1, total), 3));

    public async ValueTask DisposeAsync()
    {
        _session.Dispose();
        await _copy.ContinueWith(_ => { }, TaskScheduler.Default);
        File.Delete(_path);
    }

    /// <summary>Shares of the sampled bytes: by allocating type and method, by PokerTracker method, by any method on the stack.</summary>
    public sealed record Profile(
        Dictionary<string, double> ByAllocatingMethod, Dictionary<string, double> ByOwnMethod, Dictionary<string, double> Inclusive);
}
