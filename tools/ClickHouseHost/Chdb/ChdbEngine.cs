using System.Text;
using System.Threading.Channels;

namespace PokerTracker.Tools.ClickHouseHost.Chdb;

/// <summary>
/// The embedded ClickHouse engine with a fixed pool of connections to one data path. A request
/// takes a connection for its whole statement, so statements never interleave on a connection
/// and a slow query holds up only the requests queued behind the whole pool.
/// </summary>
internal sealed class ChdbEngine : IDisposable
{
    private readonly List<ChdbConnection> _all = [];
    private readonly Channel<ChdbConnection> _idle;

    public ChdbEngine(HostSettings settings, ILogger<ChdbEngine> logger)
    {
        ChdbNative.UseLibrary(settings.LibraryPath);
        // The host handles SIGTERM itself; chDB must not take the process's signals.
        ChdbNative.chdb_set_signal_handlers_enabled(0);
        Directory.CreateDirectory(settings.DataPath);

        _idle = Channel.CreateBounded<ChdbConnection>(settings.Connections);
        for (var i = 0; i < settings.Connections; i++)
        {
            var connection = ChdbConnection.Open([$"--path={settings.DataPath}"]);
            _all.Add(connection);
            _idle.Writer.TryWrite(connection);
        }

        var probe = _all[0].Query("SELECT version(), timezone()", "TabSeparated", []);
        var fields = Encoding.UTF8.GetString(probe.Data).Trim().Split('\t');
        Version = fields[0];
        Timezone = fields.Length > 1 ? fields[1] : "UTC";
        var defaults = _all[0].Query("SELECT name, value FROM system.settings", "TabSeparatedRaw", []);
        DefaultSettings = Encoding.UTF8.GetString(defaults.Data)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', 2))
            .ToDictionary(f => f[0], f => f.Length > 1 ? f[1] : "", StringComparer.Ordinal);
        logger.LogInformation("ClickHouse engine {Version} (chDB) on {DataPath} with {Connections} connections", Version, settings.DataPath, settings.Connections);
    }

    public string Version { get; }

    public string Timezone { get; }

    /// <summary>The engine's query-level settings (what URL parameters may set) with their defaults.</summary>
    public IReadOnlyDictionary<string, string> DefaultSettings { get; }

    public async Task<Lease> AcquireAsync(CancellationToken ct) => new(this, await _idle.Reader.ReadAsync(ct));

    public void Dispose()
    {
        _idle.Writer.TryComplete();
        foreach (var connection in _all)
        {
            connection.Dispose();
        }

        ChdbNative.chdb_shutdown();
    }

    /// <summary>A connection borrowed for one request; returned to the pool on dispose.</summary>
    public readonly struct Lease(ChdbEngine engine, ChdbConnection connection) : IDisposable
    {
        public ChdbConnection Connection { get; } = connection;

        public void Dispose() => engine._idle.Writer.TryWrite(Connection);
    }
}
