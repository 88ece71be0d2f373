using System.Diagnostics;

namespace PokerTracker.TestSupport;

/// <summary>
/// The local ClickHouse endpoint (tools/ClickHouseHost: chDB behind ClickHouse's HTTP interface)
/// on a free loopback port, with its own data folder unless one is given.
/// </summary>
public sealed class ClickHouseServer : IAsyncDisposable
{
    private readonly LocalProcess _process;

    private readonly bool _ownsData;

    private ClickHouseServer(LocalProcess process, string dataDirectory, string password, bool ownsData)
    {
        _process = process;
        _ownsData = ownsData;
        DataDirectory = dataDirectory;
        Password = password;
        var uri = new Uri(process.ReadyValue);
        Port = uri.Port;
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>The generated password of the user <c>default</c> (unless other credentials were passed as arguments).</summary>
    public string Password { get; }

    public string ConnectionString(string? password = null) =>
        $"Host=127.0.0.1;Port={Port};Protocol=http;Username=default;Password={password ?? Password};UseCustomDecimals=false";

    /// <summary>An HTTP client for the endpoint, signed in as <c>default</c> (ClickHouse's X-ClickHouse-User/Key headers).</summary>
    public HttpClient CreateHttpClient()
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-ClickHouse-User", "default");
        http.DefaultRequestHeaders.Add("X-ClickHouse-Key", Password);
        return http;
    }

    public LocalProcess Process => _process;

    public static Task<ClickHouseServer> StartAsync(string? dataDirectory = null, int port = 0, params string[] extraArgs) =>
        StartWithPasswordAsync(dataDirectory, port, null, extraArgs);

    /// <param name="password">The password of <c>default</c> (by environment, as the app host passes it); generated when not given.</param>
    public static async Task<ClickHouseServer> StartWithPasswordAsync(string? dataDirectory, int port, string? password, params string[] extraArgs)
    {
        var ownsData = dataDirectory is null;
        dataDirectory ??= TempFolder.Create("pokertracker-clickhouse-");
        password ??= Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { RepoPaths.ToolAssembly("ClickHouseHost"), "--port", port.ToString(), "--path", dataDirectory },
            Environment = { ["CLICKHOUSE_HOST_USER"] = "default", ["CLICKHOUSE_HOST_PASSWORD"] = password },
        };
        foreach (var arg in extraArgs)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            var process = await LocalProcess.StartAsync(start, "CLICKHOUSE_HTTP=", TimeSpan.FromSeconds(60));
            return new ClickHouseServer(process, dataDirectory, password, ownsData);
        }
        catch when (ownsData)
        {
            TempFolder.Delete(dataDirectory);
            throw;
        }
    }

    /// <summary>Kills the endpoint; a data folder it made itself goes with it (one given to it is its owner's).</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        if (_ownsData)
        {
            TempFolder.Delete(DataDirectory);
        }
    }
}
