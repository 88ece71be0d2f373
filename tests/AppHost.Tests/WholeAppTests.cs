using System.Net;
using System.Text.Json;
using PokerTracker.Contracts;

namespace PokerTracker.AppHost.Tests;

/// <summary>
/// Starts the whole app host the way a developer's machine without a container engine runs it
/// (local engines as processes) and checks every resource comes up and reports its health.
/// </summary>
public sealed class WholeAppTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    /// <summary>Each service and the dependencies its /health must report as connected.</summary>
    public static readonly Dictionary<string, string[]> ServiceDependencies = new()
    {
        [ResourceNames.SessionApi] = [ResourceNames.Redis, ResourceNames.Kafka, ResourceNames.ClickHouse],
        [ResourceNames.AnalyticsWorker] = [ResourceNames.Redis, ResourceNames.Kafka, ResourceNames.ClickHouse, "lag"],
        [ResourceNames.TiltWorker] = [ResourceNames.Redis, ResourceNames.Kafka, "model"],
        [ResourceNames.Web] = [ResourceNames.SessionApi],
    };

    [Fact]
    public async Task Every_resource_becomes_healthy_and_every_service_reports_its_dependencies()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var dataDirectory = Directory.CreateTempSubdirectory("pokertracker-apphost-").FullName;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                "--DcpPublisher:ContainerRuntimeInitializationTimeout=00:00:00",
                "--LocalEngines:Mode=executables",
                $"--LocalEngines:DataDirectory={dataDirectory}",
            ],
            cts.Token);
        await using var app = await builder.BuildAsync(cts.Token);
        await app.StartAsync(cts.Token);

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
            Assert.All(reported, d => Assert.Equal(d.Key switch { "lag" => "caught-up", "model" => "loaded", _ => "connected" }, d.Value));

            using var alive = await client.GetAsync("/alive", cts.Token);
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }

        // The web app's origin reaches the API: a request without a token gets the API's own 401.
        using var web = app.CreateHttpClient(ResourceNames.Web, "http");
        using var proxied = await web.GetAsync("/api/me", cts.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, proxied.StatusCode);
        using var page = await web.GetAsync("/", cts.Token);
        Assert.Contains("PokerTracker", await page.Content.ReadAsStringAsync(cts.Token));
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
    }
}
