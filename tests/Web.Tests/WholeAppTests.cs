using System.Net;
using System.Text.Json;
using PokerTracker.Contracts;

namespace PokerTracker.Web.Tests;

/// <summary>
/// The whole app host as a developer's machine without a container engine runs it (local engines
/// as processes, started once for the browser tests): every resource comes up and reports its health.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class WholeAppTests(SystemFixture system)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    /// <summary>Each service and the dependencies its /health must report as connected.</summary>
    public static readonly Dictionary<string, string[]> ServiceDependencies = new()
    {
        [ResourceNames.SessionApi] = [ResourceNames.Redis, ResourceNames.Kafka, ResourceNames.ClickHouse, "warm-up"],
        [ResourceNames.AnalyticsWorker] = [ResourceNames.Redis, ResourceNames.Kafka, ResourceNames.ClickHouse, "lag"],
        [ResourceNames.TiltWorker] = [ResourceNames.Redis, ResourceNames.Kafka, "model"],
        [ResourceNames.Web] = [ResourceNames.SessionApi],
    };

    [Fact]
    public async Task Every_resource_becomes_healthy_and_every_service_reports_its_dependencies()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var app = system.App;

        string[] engines = [ResourceNames.Redis, ResourceNames.Kafka, ResourceNames.ClickHouse];
        foreach (var resource in engines.Concat(ServiceDependencies.Keys))
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }

        foreach (var (service, dependencies) in ServiceDependencies)
        {
            using var client = app.CreateHttpClient(service, "http");
            using var response = await client.GetAsync("/health", cts.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));
            var root = json.RootElement;
            Assert.Equal(["dependencies", "status", "version"], root.EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal("healthy", root.GetProperty("status").GetString());
            Assert.Matches(@"^\d+\.\d+\.\d+", root.GetProperty("version").GetString());
            var reported = root.GetProperty("dependencies").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
            Assert.Equal(dependencies.Order(), reported.Keys.Order());
            Assert.All(reported, d => Assert.Equal(d.Key switch { "lag" => "caught-up", "model" => "loaded", "warm-up" => "ready", _ => "connected" }, d.Value));

            using var alive = await client.GetAsync("/alive", cts.Token);
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }

        await The_local_engines_need_their_generated_credentials(app, cts.Token);

        // The web app's origin reaches the API: a request without a token gets the API's own 401.
        using var web = app.CreateHttpClient(ResourceNames.Web, "http");
        using var proxied = await web.GetAsync("/api/me", cts.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, proxied.StatusCode);
        // A body too large for the API gets its 413 and reason through the web app's origin too
        // (the API answering before reading the body left the proxy with a bare 502).
        foreach (var (path, size, limit) in new[] { ("/api/hands/import", RequestLimits.HandUploadBytes + 1024 * 1024, "50 MB (52428800 bytes)"), ("/graphql", 300 * 1024L, "256 KB (262144 bytes)") })
        {
            using var tooLarge = await web.PostAsync(path, new ByteArrayContent(new byte[size]), cts.Token);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            Assert.Contains($"At most {limit}.", await tooLarge.Content.ReadAsStringAsync(cts.Token), StringComparison.Ordinal);

            // Sent without its length (chunked, as curl -H 'Transfer-Encoding: chunked' does): found too large while it streams.
            using var streamed = await web.PostAsync(path, new StreamContent(new Unsized(new MemoryStream(new byte[size]))), cts.Token);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
            Assert.Contains($"At most {limit}.", await streamed.Content.ReadAsStringAsync(cts.Token), StringComparison.Ordinal);
        }

        using var page = await web.GetAsync("/", cts.Token);
        Assert.Contains("PokerTracker", await page.Content.ReadAsStringAsync(cts.Token));
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
    }

    /// <summary>
    /// Probed as another program on the machine (or a web page) would: Redis and the ClickHouse
    /// endpoint answer nothing without the passwords the app host generated for this run.
    /// </summary>
    private static async Task The_local_engines_need_their_generated_credentials(DistributedApplication app, CancellationToken ct)
    {
        var redis = (await app.GetConnectionStringAsync(ResourceNames.Redis, ct))!;
        var address = redis.Split(',')[0];
        var password = redis.Split(',').Single(p => p.StartsWith("password=", StringComparison.Ordinal))["password=".Length..];
        Assert.True(password.Length >= 32);
        Assert.StartsWith("-NOAUTH", await RedisAsync(address, "PING\r\n", ct));
        var policy = await RedisAsync(address, $"AUTH {password}\r\nCONFIG GET maxmemory-policy\r\n", ct);
        Assert.Contains("noeviction", policy); // a full Redis refuses writes; it never evicts an account or a live session

        var clickhouse = (await app.GetConnectionStringAsync(ResourceNames.ClickHouse, ct))!;
        var port = clickhouse.Split(';').Single(p => p.StartsWith("Port=", StringComparison.Ordinal))["Port=".Length..];
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using var anonymous = await http.PostAsync("/", new StringContent("SELECT 1"), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var fromPage = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("SELECT * FROM file('/etc/hostname')") };
        fromPage.Headers.Add("Origin", "https://evil.example");
        using var page = await http.SendAsync(fromPage, ct);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
    }

    private static async Task<string> RedisAsync(string address, string commands, CancellationToken ct)
    {
        using var client = new System.Net.Sockets.TcpClient();
        var (host, port) = (address[..address.LastIndexOf(':')], int.Parse(address[(address.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        await client.ConnectAsync(host, port, ct);
        var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(commands), ct);
        await Task.Delay(300, ct);
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, ct);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, read);
    }

    /// <summary>A body whose length the client does not know: it goes chunked.</summary>
    private sealed class Unsized(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
