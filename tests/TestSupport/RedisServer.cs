using System.Diagnostics;

namespace PokerTracker.TestSupport;

/// <summary>Debian's redis-server on a free loopback port, AOF on, data in a fresh temp folder, a generated password.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly LocalProcess _process;

    private readonly bool _ownsData;

    private RedisServer(LocalProcess process, int port, string dataDirectory, string password, bool ownsData)
    {
        _process = process;
        _ownsData = ownsData;
        Port = port;
        DataDirectory = dataDirectory;
        Password = password;
    }

    public string Password { get; }

    public int Port { get; }

    public int Pid => _process.Id;

    public string DataDirectory { get; }

    public string ConnectionString => $"127.0.0.1:{Port},password={Password}";

    /// <param name="password">The password to require; a new one is generated when not given.</param>
    public static async Task<RedisServer> StartAsync(string? dataDirectory = null, int? port = null, string? password = null)
    {
        var ownsData = dataDirectory is null;
        dataDirectory ??= TempFolder.Create("pokertracker-redis-");
        password ??= Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var p = port ?? LocalProcess.FreePort();
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", p.ToString(), "--bind", "127.0.0.1", "--dir", dataDirectory, "--appendonly", "yes", "--save", "", "--requirepass", password },
        };
        try
        {
            var process = await LocalProcess.StartAsync(start, "Ready to accept connections", TimeSpan.FromSeconds(20));
            return new RedisServer(process, p, dataDirectory, password, ownsData);
        }
        catch when (ownsData)
        {
            TempFolder.Delete(dataDirectory);
            throw;
        }
    }

    public async Task KillAsync() => await _process.KillAsync();

    /// <summary>A clean shutdown (SIGTERM): Redis flushes its AOF and exits.</summary>
    public async Task StopAsync() => await _process.StopAsync(TimeSpan.FromSeconds(30));

    /// <summary>Kills Redis; a data folder it made itself goes with it (one given to it is its owner's).</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        if (_ownsData)
        {
            TempFolder.Delete(DataDirectory);
        }
    }
}
