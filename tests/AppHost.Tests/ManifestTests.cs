using System.Diagnostics;
using System.Text.Json;
using PokerTracker.Contracts;
using PokerTracker.TestSupport;

namespace PokerTracker.AppHost.Tests;

/// <summary>The committed deployment manifest is what the app host publishes today.</summary>
public sealed class ManifestTests
{
    private static readonly string Committed = Path.Combine(RepoPaths.Root, "aspire-manifest.json");

    [Fact]
    public async Task Committed_manifest_matches_what_the_app_host_publishes()
    {
        // Written beside the committed one so that relative project paths come out the same.
        var fresh = Path.Combine(RepoPaths.Root, $"aspire-manifest.{Guid.NewGuid():N}.check.json");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = RepoPaths.Root,
                ArgumentList =
                {
                    "run", "--no-build", "-c", RepoPaths.Configuration, "--project", "AppHost", "--launch-profile", "http", "--",
                    "--publisher", "manifest", "--output-path", fresh,
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(process.ExitCode == 0, $"publishing the manifest failed:\n{await output}\n{await errors}");

            var expected = await File.ReadAllTextAsync(fresh);
            var actual = await File.ReadAllTextAsync(Committed);
            Assert.True(expected == actual, "aspire-manifest.json is stale: run ./scripts/update-manifest.sh and commit the result.");
        }
        finally
        {
            File.Delete(fresh);
        }
    }

    /// <summary>
    /// Published, each service is restarted when its process stops answering (liveness: /alive,
    /// the process only) and gets no traffic while its dependencies fail (readiness: /health).
    /// </summary>
    [Fact]
    public async Task Every_service_is_probed_for_liveness_at_alive_and_readiness_at_health()
    {
        using var output = TempFolder.New("pt-manifest-");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(["--publisher", "manifest", "--output-path", Path.Combine(output.Path, "manifest.json")]);
        var services = builder.Resources.OfType<ProjectResource>().ToList();
        Assert.Equal([ResourceNames.AnalyticsWorker, ResourceNames.SessionApi, ResourceNames.TiltWorker, ResourceNames.Web], services.Select(s => s.Name).Order());
#pragma warning disable ASPIREPROBES001
        foreach (var service in services)
        {
            var probes = service.Annotations.OfType<EndpointProbeAnnotation>().ToDictionary(p => p.Type, p => p.Path);
            Assert.Equal("/alive", probes.GetValueOrDefault(ProbeType.Liveness));
            Assert.Equal("/health", probes.GetValueOrDefault(ProbeType.Readiness));
        }
#pragma warning restore ASPIREPROBES001
    }

    /// <summary>
    /// Published, the services log one JSON object per line (for the platform's log store), and run with
    /// glibc's allocator held to two arenas (see WithFewMallocArenas).
    /// </summary>
    [Theory]
    [InlineData(ResourceNames.SessionApi)]
    [InlineData(ResourceNames.AnalyticsWorker)]
    [InlineData(ResourceNames.TiltWorker)]
    [InlineData(ResourceNames.Web)]
    public void Published_services_log_as_json_and_keep_two_malloc_arenas(string service)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Committed));
        var env = json.RootElement.GetProperty("resources").GetProperty(service).GetProperty("env");
        Assert.Equal("json", env.GetProperty("Logging__Console__FormatterName").GetString());
        Assert.Equal("2", env.GetProperty("MALLOC_ARENA_MAX").GetString());
    }

    [Theory]
    [InlineData(ResourceNames.Redis, "redis")]
    [InlineData(ResourceNames.Kafka, "apache/kafka")]
    [InlineData(ResourceNames.ClickHouse, "clickhouse/clickhouse-server")]
    public void Manifest_declares_each_engine_as_a_container_with_a_connection_string(string resource, string image)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Committed));
        var entry = json.RootElement.GetProperty("resources").GetProperty(resource);
        Assert.StartsWith("container.", entry.GetProperty("type").GetString());
        Assert.Contains("/" + image + ":", "/" + entry.GetProperty("image").GetString()!.Replace("docker.io/library/", "").Replace("docker.io/", ""));
        Assert.False(string.IsNullOrWhiteSpace(entry.GetProperty("connectionString").GetString()));
    }

    /// <summary>Accounts and live sessions live in Redis: the published one logs every write (AOF, fsync each second), with a password.</summary>
    [Fact]
    public void The_published_Redis_keeps_an_append_only_file()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Committed));
        var entry = json.RootElement.GetProperty("resources").GetProperty(ResourceNames.Redis);
        var command = string.Join(' ', entry.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("--appendonly yes", command);
        Assert.Contains("--appendfsync everysec", command);
        Assert.Contains("--requirepass $REDIS_PASSWORD", command);
        Assert.Equal("/data", entry.GetProperty("volumes")[0].GetProperty("target").GetString());
    }

    /// <summary>Least privilege: the published broker wants SASL and creates no topics on its own; Session.Api reads ClickHouse as the read-only user.</summary>
    [Fact]
    public void Published_services_authenticate_to_Kafka_and_the_API_reads_ClickHouse_as_the_reader()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Committed));
        var resources = json.RootElement.GetProperty("resources");
        var kafka = resources.GetProperty(ResourceNames.Kafka).GetProperty("env");
        Assert.Equal("false", kafka.GetProperty("KAFKA_AUTO_CREATE_TOPICS_ENABLE").GetString());
        Assert.DoesNotContain("PLAINTEXT:PLAINTEXT", kafka.GetProperty("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").GetString());
        Assert.Contains("CONTROLLER://localhost:9094", kafka.GetProperty("KAFKA_LISTENERS").GetString()); // unauthenticated: loopback only
        // The log lives in the volume: the image's default directory is in /tmp, which a restart empties.
        var volume = resources.GetProperty(ResourceNames.Kafka).GetProperty("volumes")[0].GetProperty("target").GetString();
        Assert.Equal(volume, kafka.GetProperty("KAFKA_LOG_DIRS").GetString());
        foreach (var service in new[] { ResourceNames.SessionApi, ResourceNames.AnalyticsWorker, ResourceNames.TiltWorker })
        {
            var env = resources.GetProperty(service).GetProperty("env");
            Assert.Equal("{kafka-password.value}", env.GetProperty("Kafka__Password").GetString());
        }

        var api = resources.GetProperty(ResourceNames.SessionApi).GetProperty("env").GetProperty("ConnectionStrings__clickhouse").GetString();
        Assert.Contains("Username=pokertracker_reader", api);
        Assert.DoesNotContain("clickhouse-password", api);
    }

    /// <summary>X-Forwarded-For is believed only from the environment's private network, never from anyone (ASPNETCORE_FORWARDEDHEADERS_ENABLED).</summary>
    [Theory]
    [InlineData(ResourceNames.SessionApi)]
    [InlineData(ResourceNames.AnalyticsWorker)]
    [InlineData(ResourceNames.TiltWorker)]
    [InlineData(ResourceNames.Web)]
    public void Published_services_trust_forwarded_headers_only_from_known_networks(string resource)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Committed));
        var env = json.RootElement.GetProperty("resources").GetProperty(resource).GetProperty("env");
        Assert.Equal("false", env.GetProperty("ASPNETCORE_FORWARDEDHEADERS_ENABLED").GetString());
        Assert.Equal("10.0.0.0/8", env.GetProperty("ForwardedHeaders__KnownNetworks__0").GetString());
        Assert.DoesNotContain(env.EnumerateObject(), p => p.Name.StartsWith("ForwardedHeaders__KnownNetworks", StringComparison.Ordinal) && p.Value.GetString() == "0.0.0.0/0");
    }

    [Theory]
    [InlineData(ResourceNames.SessionApi)]
    [InlineData(ResourceNames.AnalyticsWorker)]
    [InlineData(ResourceNames.TiltWorker)]
    [InlineData(ResourceNames.Web)]
    public void Manifest_declares_each_service_as_a_project(string resource)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Committed));
        var entry = json.RootElement.GetProperty("resources").GetProperty(resource);
        Assert.Equal("project.v0", entry.GetProperty("type").GetString());
    }
}
