using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PokerTracker.Contracts;

namespace PokerTracker.AppHost.Engines;

/// <summary>
/// Declares Redis, Kafka and ClickHouse either as containers (publish mode, or a container
/// engine is running) or as local processes (this kind of machine: no container engine).
/// </summary>
internal static class EngineExtensions
{
    public static EngineSet AddEngines(this IDistributedApplicationBuilder builder)
    {
        var mode = EngineModeDetector.Detect(builder);
        var repoRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var dataRoot = builder.Configuration["LocalEngines:DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(repoRoot, ".data");

        return mode == EngineMode.Containers
            ? new EngineSet(mode, builder.AddRedisContainer(), builder.AddKafkaContainer(), builder.AddClickHouseContainer())
            : new EngineSet(mode, builder.AddLocalRedis(dataRoot), builder.AddLocalKafka(repoRoot), null);
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddRedisContainer(this IDistributedApplicationBuilder builder) =>
        builder.AddRedis(ResourceNames.Redis)
            .WithDataVolume("pokertracker-redis-data")
            .WithPersistence(TimeSpan.FromSeconds(10), keysChangedThreshold: 1);

    private static IResourceBuilder<IResourceWithConnectionString> AddKafkaContainer(this IDistributedApplicationBuilder builder)
    {
        // Single-node KRaft: one listener for clients outside the container network (the
        // host in run mode), one for the other containers, one for the controller quorum.
        var kafka = new ConnectionStringContainerResource(ResourceNames.Kafka, r => builder.ExecutionContext.IsPublishMode
            ? ReferenceExpression.Create($"{r.GetEndpoint("internal").Property(EndpointProperty.HostAndPort)}")
            : ReferenceExpression.Create($"localhost:{r.GetEndpoint("tcp").Property(EndpointProperty.Port)}"));
        return builder.AddResource(kafka)
            .WithImage("apache/kafka", "4.1.1")
            .WithImageRegistry("docker.io")
            .WithEndpoint(targetPort: 9092, name: "tcp", scheme: "tcp")
            .WithEndpoint(targetPort: 9093, name: "internal", scheme: "tcp")
            .WithEnvironment("KAFKA_NODE_ID", "1")
            .WithEnvironment("KAFKA_PROCESS_ROLES", "broker,controller")
            .WithEnvironment("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9094")
            .WithEnvironment("KAFKA_LISTENERS", "PLAINTEXT://0.0.0.0:9092,INTERNAL://0.0.0.0:9093,CONTROLLER://0.0.0.0:9094")
            .WithEnvironment("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "PLAINTEXT:PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT")
            .WithEnvironment("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
            .WithEnvironment("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL")
            .WithEnvironment(context =>
            {
                var external = kafka.GetEndpoint("tcp");
                context.EnvironmentVariables["KAFKA_ADVERTISED_LISTENERS"] = builder.ExecutionContext.IsPublishMode
                    ? ReferenceExpression.Create($"PLAINTEXT://{ResourceNames.Kafka}:9092,INTERNAL://{ResourceNames.Kafka}:9093")
                    : ReferenceExpression.Create($"PLAINTEXT://localhost:{external.Property(EndpointProperty.Port)},INTERNAL://{ResourceNames.Kafka}:9093");
            })
            .WithEnvironment("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .WithEnvironment("KAFKA_NUM_PARTITIONS", Topics.Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
            .WithVolume("pokertracker-kafka-data", "/var/lib/kafka/data");
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddClickHouseContainer(this IDistributedApplicationBuilder builder)
    {
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, ResourceNames.ClickHouse + "-password", special: false);
        var clickhouse = new ConnectionStringContainerResource(ResourceNames.ClickHouse, r =>
        {
            var http = r.GetEndpoint("http");
            return ReferenceExpression.Create(
                $"Host={http.Property(EndpointProperty.Host)};Port={http.Property(EndpointProperty.Port)};Protocol=http;Username=default;Password={password};Database=default");
        });
        return builder.AddResource(clickhouse)
            .WithImage("clickhouse/clickhouse-server", "26.7")
            .WithImageRegistry("docker.io")
            .WithHttpEndpoint(targetPort: 8123, name: "http")
            .WithEnvironment("CLICKHOUSE_USER", "default")
            .WithEnvironment("CLICKHOUSE_PASSWORD", password)
            .WithEnvironment("CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT", "1")
            .WithVolume("pokertracker-clickhouse-data", "/var/lib/clickhouse")
            .WithHttpHealthCheck("/ping");
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddLocalRedis(this IDistributedApplicationBuilder builder, string dataRoot)
    {
        var dataDirectory = Path.Combine(dataRoot, "redis");
        Directory.CreateDirectory(dataDirectory);
        var redis = new LocalEngineResource(ResourceNames.Redis, "redis-server", dataDirectory,
            ep => ReferenceExpression.Create($"127.0.0.1:{ep.Property(EndpointProperty.Port)}"));
        return builder.AddResource(redis)
            .WithEndpoint(name: LocalEngineResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(redis.Endpoint.Property(EndpointProperty.TargetPort));
                foreach (var arg in new[] { "--bind", "127.0.0.1", "--dir", dataDirectory, "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--protected-mode", "yes" })
                {
                    context.Args.Add(arg);
                }
            })
            .WithProbe(builder, redis, "PING\r\n", "+PONG");
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddLocalKafka(this IDistributedApplicationBuilder builder, string repoRoot)
    {
        var hostDirectory = Path.Combine(repoRoot, "tools", "KafkaHost");
        var kafka = new LocalEngineResource(ResourceNames.Kafka, "dotnet", hostDirectory,
            ep => ReferenceExpression.Create($"127.0.0.1:{ep.Property(EndpointProperty.Port)}"));
        return builder.AddResource(kafka)
            .WithEndpoint(name: LocalEngineResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(ToolAssembly(hostDirectory, "KafkaHost"));
                context.Args.Add("--port");
                context.Args.Add(kafka.Endpoint.Property(EndpointProperty.TargetPort));
            })
            .WithProbe(builder, kafka, ping: null, expect: null);
    }

    private static IResourceBuilder<IResourceWithConnectionString> WithProbe(
        this IResourceBuilder<LocalEngineResource> resource, IDistributedApplicationBuilder builder, LocalEngineResource engine, string? ping, string? expect)
    {
        var key = $"{engine.Name}-probe";
        builder.Services.AddHealthChecks().AddAsyncCheck(key, ct => TcpProbe.CheckAsync(engine.Endpoint, ping, expect, ct));
        return resource.WithHealthCheck(key);
    }

    /// <summary>The built assembly of a tool under <c>tools/</c>, in the app host's own build configuration.</summary>
    private static string ToolAssembly(string projectDirectory, string name)
    {
        var configuration = typeof(EngineExtensions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "PokerTracker.BuildConfiguration")?.Value ?? "Debug";
        return Path.Combine(projectDirectory, "bin", configuration, "net10.0", name + ".dll");
    }
}

internal sealed record EngineSet(
    EngineMode Mode,
    IResourceBuilder<IResourceWithConnectionString> Redis,
    IResourceBuilder<IResourceWithConnectionString> Kafka,
    IResourceBuilder<IResourceWithConnectionString>? ClickHouse);
