namespace PokerTracker.Tools.ClickHouseHost;

/// <summary>
/// Options, from the command line (<c>--port 8123 --path DIR</c>) or the environment
/// (<c>CLICKHOUSE_HOST_PORT</c>, ...).
/// </summary>
/// <param name="ReaderUser">A second user that may only read (SELECT, SHOW, DESCRIBE, …), as a ClickHouse user with only SELECT grants would.</param>
internal sealed record HostSettings(int Port, string DataPath, string LibraryPath, string? User, string? Password, int Connections, string? ReaderUser = null, string? ReaderPassword = null)
{
    public static HostSettings From(IConfiguration configuration)
    {
        string? Get(string key) => configuration[key] ?? configuration["CLICKHOUSE_HOST_" + key.ToUpperInvariant()];
        var repoDefaultLib = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", ".tools", "chdb", "node_modules", "@chdb", "lib-linux-x64-gnu", "libchdb.so");
        return new HostSettings(
            int.TryParse(Get("port"), out var port) ? port : 8123,
            Path.GetFullPath(Get("path") ?? "clickhouse-data"),
            Path.GetFullPath(Get("lib") ?? repoDefaultLib),
            Get("user") is { Length: > 0 } user ? user : null,
            Get("password"),
            int.TryParse(Get("connections"), out var connections) && connections > 0 ? connections : 4,
            Get("reader_user") is { Length: > 0 } reader ? reader : null,
            Get("reader_password"));
    }

    public bool AuthenticationRequired => User is not null;
}
