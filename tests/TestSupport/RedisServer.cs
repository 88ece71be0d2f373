using System.Diagnostics;

namespace PokerTracker.TestSupport;

/// <summary>Debian's redis-server on a free loopback port, AOF on, data in a fresh temp folder.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly LocalProcess _process;

    private RedisServer(LocalProcess process, int port, string dataDirectory)
    {
        _process = process;
        Port = port;
        DataDirectory = dataDirectory;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public string DataDirectory { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync(string? dataDirectory = null, int? port = null)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("pokertracker-redis-").FullName;
        var p = port ?? LocalProcess.FreePort();
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", p.ToString(), "--bind", "127.0.0.1", "--dir", dataDirectory, "--appendonly", "yes", "--save", "" },
        };
        var process = await LocalProcess.StartAsync(start, "Ready to accept connections", TimeSpan.FromSeconds(20));
        return new RedisServer(process, p, dataDirectory);
    }

    public async Task KillAsync() => await _process.KillAsync();

    /// <summary>A clean shutdown (SIGTERM): Redis flushes its AOF and exits.</summary>
    public async Task StopAsync() => await _process.StopAsync(TimeSpan.FromSeconds(30));

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
