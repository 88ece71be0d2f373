using System.Net;
using System.Text;

namespace PokerTracker.Infrastructure.Tests;

/// <summary>
/// The local ClickHouse endpoint runs clickhouse-local, which would read and write any file and
/// reach any server: probed as a hostile web page and a careless client would.
/// </summary>
public sealed class ClickHouseSecurityTests(ClickHouseFixture fixture) : IClassFixture<ClickHouseFixture>, IDisposable
{
    private readonly HttpClient _http = fixture.Server.CreateHttpClient();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Without_the_generated_password_nothing_runs()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        using var response = await anonymous.PostAsync("/", new StringContent("SELECT 1"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_request_from_a_web_page_or_for_a_foreign_host_name_is_refused()
    {
        using var fromPage = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("SELECT 1") };
        fromPage.Headers.Add("Origin", "https://evil.example");
        using var page = await _http.SendAsync(fromPage);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);

        using var rebound = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("SELECT 1") };
        rebound.Headers.Host = "rebind.evil.example";
        using var dns = await _http.SendAsync(rebound);
        Assert.Equal(HttpStatusCode.Forbidden, dns.StatusCode);

        Assert.Equal("1\n", await PostAsync("SELECT 1")); // and a local program gets in
    }

    [Theory]
    [InlineData("SELECT * FROM file('/etc/hostname', 'LineAsString')")]
    [InlineData("SELECT * FROM `file`('/etc/hostname', 'LineAsString')")]
    [InlineData("SELECT * FROM FILE /* hidden */ ('/etc/hostname', 'LineAsString')")]
    [InlineData("SELECT file('/etc/hostname')")]
    [InlineData("INSERT INTO FUNCTION file('/tmp/pokertracker-probe.txt', 'TSV', 'x String') VALUES ('owned')")]
    [InlineData("SELECT * FROM url('http://127.0.0.1:1/', 'LineAsString')")]
    [InlineData("SELECT * FROM s3('http://127.0.0.1:1/bucket/x.csv')")]
    [InlineData("SELECT * FROM remote('127.0.0.1:9000', system.one)")]
    [InlineData("SELECT * FROM filesystem('/etc')")]
    [InlineData("CREATE TABLE probe (x String) ENGINE = File(TSV, '/etc/hostname')")]
    [InlineData("CREATE TABLE probe (x String) ENGINE = URL('http://127.0.0.1:1/', TSV)")]
    [InlineData("SELECT 1 INTO OUTFILE '/tmp/pokertracker-probe.txt'")]
    [InlineData("INSERT INTO t FROM INFILE '/etc/hostname' FORMAT LineAsString")]
    [InlineData("SELECT * FROM executable('id', 'TSV', 'x String')")]
    [InlineData("SYSTEM SHUTDOWN")]
    public async Task Statements_that_reach_outside_the_database_are_refused(string sql)
    {
        using var response = await _http.PostAsync("/", new StringContent(sql));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(Environment.MachineName, await response.Content.ReadAsStringAsync());
        Assert.False(File.Exists("/tmp/pokertracker-probe.txt"));
    }

    [Fact]
    public async Task Names_inside_strings_and_columns_are_not_mistaken_for_those_functions()
    {
        Assert.Equal("file(x)\turl\n", await PostAsync("SELECT 'file(x)' AS file, 'url' AS url FORMAT TabSeparated"));
    }

    [Fact]
    public async Task GET_only_reads_as_in_ClickHouse()
    {
        var table = ClickHouseFixture.UniqueName("ro");
        using var create = await _http.GetAsync("?query=" + Uri.EscapeDataString($"CREATE TABLE {table} (x UInt8) ENGINE = Memory"));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal("164", create.Headers.GetValues("X-ClickHouse-Exception-Code").Single());
        Assert.Equal("2\n", await _http.GetStringAsync("?query=" + Uri.EscapeDataString("SELECT 1 + 1")));
    }

    private async Task<string> PostAsync(string sql)
    {
        using var response = await _http.PostAsync("/", new StringContent(sql, Encoding.UTF8));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }
}

/// <summary>The endpoint's read-only user: what Session.Api reads the analytics store as.</summary>
public sealed class ClickHouseReaderTests
{
    [Fact]
    public async Task The_reader_may_select_and_nothing_else()
    {
        await using var server = await PokerTracker.TestSupport.ClickHouseServer.StartAsync(null, 0, "--reader_user", "pokertracker_reader", "--reader_password", "r3ad-only-secret");
        using var admin = new ClickHouse.Driver.ClickHouseClient(server.ConnectionString());
        await admin.ExecuteNonQueryAsync("CREATE TABLE readable (x UInt8) ENGINE = MergeTree ORDER BY x");
        await admin.ExecuteNonQueryAsync("INSERT INTO readable VALUES (7)");

        using var reader = new ClickHouse.Driver.ClickHouseClient($"Host=127.0.0.1;Port={server.Port};Username=pokertracker_reader;Password=r3ad-only-secret");
        Assert.Equal(7, Convert.ToInt32(await reader.ExecuteScalarAsync("SELECT x FROM readable")));
        foreach (var write in new[] { "INSERT INTO readable VALUES (8)", "CREATE TABLE sneaky (x UInt8) ENGINE = Memory", "DROP TABLE readable", "ALTER TABLE readable DELETE WHERE 1" })
        {
            var refused = await Assert.ThrowsAsync<ClickHouse.Driver.ClickHouseServerException>(() => reader.ExecuteNonQueryAsync(write));
            Assert.Equal(164, refused.ErrorCode);
        }

        Assert.Equal(1, Convert.ToInt32(await admin.ExecuteScalarAsync("SELECT count() FROM readable")));
        using var wrong = new ClickHouse.Driver.ClickHouseClient($"Host=127.0.0.1;Port={server.Port};Username=pokertracker_reader;Password=guess");
        Assert.Equal(516, (await Assert.ThrowsAsync<ClickHouse.Driver.ClickHouseServerException>(() => wrong.ExecuteScalarAsync("SELECT 1"))).ErrorCode);
    }
}
