using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ClickHouse.Driver;
using PokerTracker.TestSupport;

namespace PokerTracker.Infrastructure.Tests;

/// <summary>Credentials, and data surviving a restart of the endpoint.</summary>
public sealed class ClickHouseLifecycleTests
{
    [Fact]
    public async Task Data_is_kept_across_a_clean_restart()
    {
        using var folder = TempFolder.New("pokertracker-clickhouse-restart-");
        var data = folder.Path;
        var table = ClickHouseFixture.UniqueName("kept");
        await using (var first = await ClickHouseServer.StartAsync(data))
        {
            using var client = new ClickHouseClient(first.ConnectionString());
            await client.ExecuteNonQueryAsync($"CREATE TABLE {table} (id UInt64, name String) ENGINE = MergeTree ORDER BY id");
            await client.InsertBinaryAsync(table, ["id", "name"], Enumerable.Range(0, 1000).Select(i => new object[] { (ulong)i, $"n{i}" }));
            await first.Process.StopAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, first.Process.ExitCode);
        }

        await using var second = await ClickHouseServer.StartAsync(data);
        using var again = new ClickHouseClient(second.ConnectionString());
        Assert.Equal(1000UL, Convert.ToUInt64(await again.ExecuteScalarAsync($"SELECT count() FROM {table}")));
        Assert.Equal(499500UL, Convert.ToUInt64(await again.ExecuteScalarAsync($"SELECT sum(id) FROM {table}")));
    }

    [Fact]
    public async Task When_credentials_are_configured_only_the_right_ones_get_in()
    {
        await using var server = await ClickHouseServer.StartAsync(null, 0, "--user", "analytics", "--password", "s3cret!");
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        async Task<HttpResponseMessage> Query(Action<HttpRequestMessage> authenticate)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("SELECT 42") };
            authenticate(request);
            return await http.SendAsync(request);
        }

        using var anonymous = await Query(_ => { });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("516", anonymous.Headers.GetValues("X-ClickHouse-Exception-Code").Single());

        using var wrong = await Query(r => r.Headers.Authorization = Basic("analytics", "guess"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        using var basic = await Query(r => r.Headers.Authorization = Basic("analytics", "s3cret!"));
        Assert.Equal("42\n", await basic.Content.ReadAsStringAsync());

        using var headers = await Query(r =>
        {
            r.Headers.Add("X-ClickHouse-User", "analytics");
            r.Headers.Add("X-ClickHouse-Key", "s3cret!");
        });
        Assert.Equal("42\n", await headers.Content.ReadAsStringAsync());

        Assert.Equal("Ok.\n", await http.GetStringAsync("ping"));

        using var driver = new ClickHouseClient($"Host=127.0.0.1;Port={server.Port};Username=analytics;Password=s3cret!");
        Assert.Equal(42, Convert.ToInt32(await driver.ExecuteScalarAsync("SELECT 42")));
        using var intruder = new ClickHouseClient($"Host=127.0.0.1;Port={server.Port};Username=analytics;Password=nope");
        var denied = await Assert.ThrowsAsync<ClickHouseServerException>(() => intruder.ExecuteScalarAsync("SELECT 42"));
        Assert.Equal(516, denied.ErrorCode);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
