using ClickHouse.Driver.ADO;
using PokerTracker.TestSupport;

namespace PokerTracker.Infrastructure.Tests;

/// <summary>One local ClickHouse endpoint per test class; tests use their own tables.</summary>
public sealed class ClickHouseFixture : IAsyncLifetime
{
    public ClickHouseServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ClickHouseServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public async Task<ClickHouseConnection> OpenAsync()
    {
        var connection = new ClickHouseConnection(Server.ConnectionString());
        await connection.OpenAsync();
        return connection;
    }

    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";
}
