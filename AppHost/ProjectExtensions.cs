using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PokerTracker.AppHost;

internal static class HealthPaths
{
    public const string Health = "/health";
}

internal static class ProjectExtensions
{
    /// <summary>A service uses an engine: it gets its connection string and starts once the engine is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithEngine(this IResourceBuilder<ProjectResource> project, IResourceBuilder<IResourceWithConnectionString> engine) =>
        project.WithReference(engine).WaitFor(engine);

    /// <summary>Prints where the player's app is, once it is up.</summary>
    public static void AnnounceWhenReady(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> web) =>
        builder.Eventing.Subscribe<ResourceReadyEvent>(web.Resource, (e, _) =>
        {
            var url = web.Resource.GetEndpoint("http").Url;
            e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PokerTracker")
                .LogInformation("PokerTracker is ready: open {WebUrl}", url);
            Console.WriteLine($"PokerTracker web app: {url}");
            return Task.CompletedTask;
        });
}
