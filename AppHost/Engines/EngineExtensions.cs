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

        // Session.Api reads statistics as a user that may only read (see SECURITY.md).
        var readerPassword = builder.AddParameter(ResourceNames.ClickHouse + "-reader-password", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
        if (mode == EngineMode.Containers)
        {
            var kafkaPassword = builder.AddParameter(ResourceNames.Kafka + "-password", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
            var clickhouse = builder.AddClickHouseContainer();
            return new EngineSet(mode, builder.AddRedisContainer(), builder.AddKafkaContainer(kafkaPassword), clickhouse, kafkaPassword,
                ReaderConnectionString((IResourceWithEndpoints)clickhouse.Resource, readerPassword), readerPassword);
        }

        var local = builder.AddLocalClickHouse(repoRoot, dataRoot)
            .WithEnvironment("CLICKHOUSE_HOST_READER_USER", ClickHouseReaderUser)
            .WithEnvironment("CLICKHOUSE_HOST_READER_PASSWORD", readerPassword);
        return new EngineSet(mode, builder.AddLocalRedis(dataRoot), builder.AddLocalKafka(repoRoot), local, null,
            ReaderConnectionString(local.Resource, readerPassword), readerPassword);
    }

    /// <summary>The read-only user Session.Api reads the analytics store as.</summary>
    public const string ClickHouseReaderUser = "pokertracker_reader";

    private static ReferenceExpression ReaderConnectionString(IResourceWithEndpoints clickhouse, IResourceBuilder<ParameterResource> password)
    {
        var endpoint = clickhouse.GetEndpoints().First();
        return ReferenceExpression.Create(
            $"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};Protocol=http;Username={ClickHouseReaderUser};Password={password};Database=default");
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddRedisContainer(this IDistributedApplicationBuilder builder) =>
        builder.AddRedis(ResourceNames.Redis)
            .WithDataVolume("pokertracker-redis-data")
            .WithArgs(context =>
            {
                // Accounts and live sessions live here: every write goes to the append-only file
                // (fsync each second), as the local engine does; no snapshots.
                context.Args.Clear();
                context.Args.Add("-c");
                // A full Redis refuses writes (the API answers 503) rather than evicting an account or a live session.
                context.Args.Add("redis-server --requirepass $REDIS_PASSWORD --appendonly yes --appendfsync everysec --save '' --maxmemory 1gb --maxmemory-policy noeviction");
            });

    private static IResourceBuilder<IResourceWithConnectionString> AddKafkaContainer(this IDistributedApplicationBuilder builder, IResourceBuilder<ParameterResource> password)
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
            .WithEnvironment("KAFKA_LISTENERS", "PLAINTEXT://0.0.0.0:9092,INTERNAL://0.0.0.0:9093,CONTROLLER://localhost:9094")
            // Clients and brokers authenticate (SASL/PLAIN, one generated password); the controller
            // quorum listens on the container's loopback only.
            .WithEnvironment("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "PLAINTEXT:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT")
            .WithEnvironment("KAFKA_SASL_ENABLED_MECHANISMS", "PLAIN")
            .WithEnvironment("KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL", "PLAIN")
            .WithEnvironment("KAFKA_LISTENER_NAME_PLAINTEXT_PLAIN_SASL_JAAS_CONFIG", Jaas(password))
            .WithEnvironment("KAFKA_LISTENER_NAME_INTERNAL_PLAIN_SASL_JAAS_CONFIG", Jaas(password))
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
            .WithEnvironment("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false") // the services create their topics (Kafka:CreateTopics)
            // The log in the volume (the image's own default is /tmp, which a restart empties).
            .WithEnvironment("KAFKA_LOG_DIRS", "/var/lib/kafka/data")
            .WithVolume("pokertracker-kafka-data", "/var/lib/kafka/data");
    }

    public const string KafkaUser = "pokertracker";

    private static ReferenceExpression Jaas(IResourceBuilder<ParameterResource> password) => ReferenceExpression.Create(
        $"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"{KafkaUser}\" password=\"{password}\" user_{KafkaUser}=\"{password}\";");

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
        // A generated password, as the published Redis has: a web page can reach a loopback port.
        var password = builder.AddParameter(ResourceNames.Redis + "-password", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
        return builder.AddLocalEngine(ResourceNames.Redis, "redis-server", dataDirectory,
            before: [],
            after: ["--bind", "127.0.0.1", "--dir", dataDirectory, "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--protected-mode", "yes",
                "--maxmemory", "1gb", "--maxmemory-policy", "noeviction", "--requirepass", password.Resource],
            port => ReferenceExpression.Create($"127.0.0.1:{port},password={password}"),
            ping: async ct => $"AUTH {await password.Resource.GetValueAsync(ct)}\r\nPING\r\n", expect: "+OK");
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddLocalKafka(this IDistributedApplicationBuilder builder, string repoRoot)
    {
        var hostDirectory = Path.Combine(repoRoot, "tools", "KafkaHost");
        return builder.AddLocalEngine(ResourceNames.Kafka, "dotnet", hostDirectory,
            before: [ToolAssembly(hostDirectory, "KafkaHost")],
            after: [],
            port => ReferenceExpression.Create($"127.0.0.1:{port}"),
            ping: null, expect: null);
    }

    private static IResourceBuilder<LocalEngineResource> AddLocalClickHouse(this IDistributedApplicationBuilder builder, string repoRoot, string dataRoot)
    {
        var hostDirectory = Path.Combine(repoRoot, "tools", "ClickHouseHost");
        var library = Path.Combine(repoRoot, ".tools", "chdb", "node_modules", "@chdb", "lib-linux-x64-gnu", "libchdb.so");
        var password = builder.AddParameter(ResourceNames.ClickHouse + "-password", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
        return builder.AddLocalEngine(ResourceNames.ClickHouse, "dotnet", hostDirectory,
            before: [ToolAssembly(hostDirectory, "ClickHouseHost")],
            after: ["--path", Path.Combine(dataRoot, "clickhouse"), "--lib", library],
            port => ReferenceExpression.Create($"Host=127.0.0.1;Port={port};Protocol=http;Username=default;Password={password};Database=default"),
            ping: _ => ValueTask.FromResult<string?>("GET /ping HTTP/1.0\r\n\r\n"), expect: "HTTP/1.1 200")
            .WithEnvironment("CLICKHOUSE_HOST_USER", "default") // the password goes by environment, not on the command line
            .WithEnvironment("CLICKHOUSE_HOST_PASSWORD", password);
    }

    /// <summary>
    /// A local engine process: <c>command [before] --port PORT [after]</c>, PORT allocated by the
    /// orchestrator; healthy once its port answers <paramref name="ping"/> with <paramref name="expect"/>
    /// (or just accepts, when no ping is given). Arguments are strings or parameters (resolved at start).
    /// </summary>
    private static IResourceBuilder<LocalEngineResource> AddLocalEngine(
        this IDistributedApplicationBuilder builder, string name, string command, string workingDirectory,
        object[] before, object[] after, Func<EndpointReferenceExpression, ReferenceExpression> connectionString,
        Func<CancellationToken, ValueTask<string?>>? ping, string? expect)
    {
        var engine = new LocalEngineResource(name, command, workingDirectory, ep => connectionString(ep.Property(EndpointProperty.Port)));
        var probe = $"{name}-probe";
        builder.Services.AddHealthChecks().AddAsyncCheck(probe, async ct => await TcpProbe.CheckAsync(engine.Endpoint, ping is null ? null : await ping(ct), expect, ct));
        return builder.AddResource(engine)
            .WithEndpoint(name: LocalEngineResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                foreach (var arg in before)
                {
                    context.Args.Add(arg);
                }

                context.Args.Add("--port");
                context.Args.Add(engine.Endpoint.Property(EndpointProperty.TargetPort));
                foreach (var arg in after)
                {
                    context.Args.Add(arg);
                }
            })
            .WithHealthCheck(probe);
    }

    /// <summary>The built assembly of a tool under <c>tools/</c>, in the app host's own build configuration.</summary>
    private static string ToolAssembly(string projectDirectory, string name)
    {
        var configuration = typeof(EngineExtensions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "PokerTracker.BuildConfiguration")?.Value ?? "Debug";
        return Path.Combine(projectDirectory, "bin", configuration, "net10.0", name + ".dll");
    }
}

/// <param name="KafkaPassword">SASL/PLAIN password of the broker (containers); null for the local broker, which listens on loopback only.</param>
/// <param name="ClickHouseReader">The connection string of the read-only analytics user.</param>
internal sealed record EngineSet(
    EngineMode Mode,
    IResourceBuilder<IResourceWithConnectionString> Redis,
    IResourceBuilder<IResourceWithConnectionString> Kafka,
    IResourceBuilder<IResourceWithConnectionString> ClickHouse,
    IResourceBuilder<ParameterResource>? KafkaPassword,
    ReferenceExpression ClickHouseReader,
    IResourceBuilder<ParameterResource> ClickHouseReaderPassword);
