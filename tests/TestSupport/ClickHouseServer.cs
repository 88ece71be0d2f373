using System.Diagnostics;

namespace PokerTracker.TestSupport;

/// <summary>
/// The local ClickHouse endpoint (tools/ClickHouseHost: chDB behind ClickHouse's HTTP interface)
/// on a free loopback port, with its own data folder unless one is given.
/// </summary>
public sealed class ClickHouseServer : IAsyncDisposable
{
    private readonly LocalProcess _process;

    private ClickHouseServer(LocalProcess process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
        var uri = new Uri(process.ReadyValue);
        Port = uri.Port;
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string ConnectionString(string? password = null) =>
        $"Host=127.0.0.1;Port={Port};Protocol=http;Username=default;Password={password};UseCustomDecimals=false";

    public LocalProcess Process => _process;

    public static async Task<ClickHouseServer> StartAsync(string? dataDirectory = null, int port = 0, params string[] extraArgs)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("pokertracker-clickhouse-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { RepoPaths.ToolAssembly("ClickHouseHost"), "--port", port.ToString(), "--path", dataDirectory },
        };
        foreach (var arg in extraArgs)
        {
            start.ArgumentList.Add(arg);
        }

        var process = await LocalProcess.StartAsync(start, "CLICKHOUSE_HTTP=", TimeSpan.FromSeconds(60));
        return new ClickHouseServer(process, dataDirectory);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
