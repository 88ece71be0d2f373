using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PokerTracker.Contracts;

namespace PokerTracker.AppHost;

internal static class HealthPaths
{
    public const string Health = "/health";
    public const string Alive = "/alive";
}

internal static class ProjectExtensions
{
    /// <summary>
    /// The service's health as the orchestrator sees it: the dashboard's health column and start
    /// order (WaitFor) use <c>/health</c>; published, Container Apps restarts a replica whose process
    /// stops answering <c>/alive</c> (liveness: the process only, so an outage of Redis or Kafka
    /// never restarts every replica at once) and sends no traffic to one whose <c>/health</c>
    /// fails (readiness: its dependencies).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithHealthProbes(this IResourceBuilder<ProjectResource> project)
    {
#pragma warning disable ASPIREPROBES001 // the probe API is marked for evaluation in this Aspire release
        // The readiness probe is also the health check that the dashboard shows and WaitFor waits on.
        return project
            .WithHttpProbe(ProbeType.Liveness, HealthPaths.Alive, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3)
            .WithHttpProbe(ProbeType.Readiness, HealthPaths.Health, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3);
#pragma warning restore ASPIREPROBES001
    }

    /// <summary>
    /// Published, each service writes its console logs as one JSON object per line (message,
    /// level, category, event id, structured fields and scopes), which the platform's log store
    /// can query; run locally they stay readable text, and the dashboard gets them by OTLP anyway.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithJsonLogsWhenPublished(this IResourceBuilder<ProjectResource> project, IDistributedApplicationBuilder builder) =>
        builder.ExecutionContext.IsPublishMode
            ? project.WithEnvironment("Logging__Console__FormatterName", "json")
                .WithEnvironment("Logging__Console__FormatterOptions__IncludeScopes", "true")
                .WithEnvironment("Logging__Console__FormatterOptions__UseUtcTimestamp", "true")
                .WithEnvironment("Logging__Console__FormatterOptions__TimestampFormat", "yyyy-MM-ddTHH:mm:ss.fffZ")
            : project;

    /// <summary>
    /// glibc's allocator keeps up to eight arenas per core for the native code's threads (Kafka's client,
    /// the runtime): memory they free stays in the process. Two arenas held Session.Api's peak working set
    /// 14 MB lower and the analytics worker's 17–66 MB lower in the benchmark, with no more CPU per update
    /// (docs/BENCHMARKS.md, twenty-fourth round). Local runs and published containers alike.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithFewMallocArenas(this IResourceBuilder<ProjectResource> project) =>
        project.WithEnvironment("MALLOC_ARENA_MAX", "2");

    /// <summary>A service uses an engine: it gets its connection string and starts once the engine is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithEngine(this IResourceBuilder<ProjectResource> project, IResourceBuilder<IResourceWithConnectionString> engine) =>
        project.WithReference(engine).WaitFor(engine);

    /// <summary>
    /// Whose X-Forwarded-For a service believes (see ServiceDefaults' ForwardedHeaders). Published,
    /// every service sits behind the Container Apps ingress or the web host, inside the
    /// environment's private network; run locally, the settings in each service's appsettings
    /// apply (session-api: the web host on loopback; web: nobody, it is the edge). The blanket
    /// ASPNETCORE_FORWARDEDHEADERS_ENABLED (which trusts anyone) is switched off.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTrustedProxies(this IResourceBuilder<ProjectResource> project, IDistributedApplicationBuilder builder)
    {
        project.WithEnvironment("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "false");
        if (builder.ExecutionContext.IsPublishMode)
        {
            string[] privateNetworks = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];
            for (var i = 0; i < privateNetworks.Length; i++)
            {
                project.WithEnvironment($"ForwardedHeaders__KnownNetworks__{i}", privateNetworks[i]);
            }
        }

        return project;
    }

    /// <summary>
    /// Administrators are named by account id, by whoever runs the system: the parameter
    /// <c>admin-account-ids</c> (comma-separated; e.g. <c>dotnet user-secrets set
    /// Parameters:admin-account-ids 0194… --project AppHost</c>, or the deployment's secret).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithAdministrators(this IResourceBuilder<ProjectResource> project, IDistributedApplicationBuilder builder) =>
        builder.ExecutionContext.IsPublishMode
            ? project.WithEnvironment("Auth__AdminAccountIds", builder.AddParameter("admin-account-ids", secret: true))
            : project.WithEnvironment("Auth__AdminAccountIds", builder.Configuration["Parameters:admin-account-ids"] ?? "");

    /// <summary>A service uses the broker: its address, and its credentials where the broker requires them.</summary>
    public static IResourceBuilder<ProjectResource> WithKafka(this IResourceBuilder<ProjectResource> project, Engines.EngineSet engines)
    {
        project.WithEngine(engines.Kafka);
        if (engines.KafkaPassword is { } password)
        {
            project.WithEnvironment("Kafka__Username", Engines.EngineExtensions.KafkaUser)
                .WithEnvironment("Kafka__Password", password)
                .WithEnvironment("Kafka__CreateTopics", "true");
        }

        return project;
    }

    /// <summary>Prints where the player's app is, once it is up.</summary>
    public static void AnnounceWhenReady(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> web) =>
        builder.Eventing.Subscribe<ResourceReadyEvent>(web.Resource, (e, _) =>
        {
            var url = web.Resource.GetEndpoint("http").Url;
            e.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Telemetry.Name)
                .LogInformation("PokerTracker is ready: open {WebUrl}", url);
            Console.WriteLine($"PokerTracker web app: {url}");
            return Task.CompletedTask;
        });
}
