using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Instrumentation.AspNetCore;
using PokerTracker.Contracts;
using Yarp.ReverseProxy.Configuration;

namespace PokerTracker.Web.Extensions;

/// <summary>
/// The player's app and its API on one origin: <c>/api</c>, <c>/graphql</c> and
/// <c>/session</c> (including the SSE streams) go to session-api, found by service discovery.
/// </summary>
internal static partial class ProxyExtensions
{
    private const string Cluster = "session-api";

    public static WebApplicationBuilder AddApiProxy(this WebApplicationBuilder builder)
    {
        RouteConfig Route(string id, string path) => new() { RouteId = id, ClusterId = Cluster, Match = new RouteMatch { Path = path } };
        builder.Services.AddReverseProxy()
            .LoadFromMemory(
                [
                    Route("api", "/api/{**rest}"), Route("graphql", "/graphql"), Route("session", "/session/{**rest}"),
                    // Hand-history uploads may be 50 MB (BodySizeLimit enforces it exactly); the server's default stops at 30 MB.
                    Route("hands-import", RequestLimits.HandImportPath) with { MaxRequestBodySize = 64L * 1024 * 1024 },
                ],
                [new ClusterConfig
                {
                    ClusterId = Cluster,
                    Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = $"http://{ResourceNames.SessionApi}" } },
                    // Live streams stay open; heartbeats every 15 s keep them under this.
                    HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(2) },
                }])
            .AddServiceDiscoveryDestinationResolver();
        builder.Services.AddHttpClient(Cluster, c => c.BaseAddress = new Uri($"http://{ResourceNames.SessionApi}"));
        builder.Services.AddHealthChecks().AddCheck<ApiHealthCheck>(ResourceNames.SessionApi, HealthStatus.Unhealthy, timeout: TimeSpan.FromSeconds(5));

        // Traced: what a player does (the proxied routes). Not traced: the app's own files, some
        // twenty per page load, which would bury each action among root traces of 1 ms.
        builder.Services.Configure<AspNetCoreTraceInstrumentationOptions>(options =>
        {
            var inner = options.Filter;
            options.Filter = context => IsProxied(context.Request.Path) && (inner?.Invoke(context) ?? true);
            // Named after what was asked ("POST /api/sessions/{id}/stack"), not the proxy's catch-all route.
            // (Set when the response is ready: the instrumentation names the span after the route just before.)
            options.EnrichWithHttpResponse = (activity, response) =>
                activity.DisplayName = $"{response.HttpContext.Request.Method} {Identifiers().Replace(response.HttpContext.Request.Path.Value ?? "", "/{id}")}";
        });
        return builder;
    }

    /// <summary>
    /// Forwards to the API. When forwarding fails before any answer (a chunked upload found too large
    /// while it streams, the API unreachable), the player gets the reason as ProblemDetails, not a bare status.
    /// </summary>
    public static void MapApiProxy(this WebApplication app) => app.MapReverseProxy(proxy =>
    {
        proxy.Use(async (context, next) =>
        {
            await next();
            if (context.GetForwarderErrorFeature() is null || context.Response.HasStarted)
            {
                return;
            }

            if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && context.Items[ServiceDefaults.BodySizeLimit.LimitKey] is long max)
            {
                await ServiceDefaults.BodySizeLimit.WriteTooLargeAsync(context, max);
            }
            else if (context.Response.StatusCode is StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout)
            {
                await TypedResults.Problem(statusCode: context.Response.StatusCode, title: "The server did not answer.", detail: "Try again in a moment.").ExecuteAsync(context);
            }
        });

        // The steps the parameterless MapReverseProxy adds, which a pipeline of one's own must name.
        proxy.UseSessionAffinity();
        proxy.UseLoadBalancing();
        proxy.UsePassiveHealthChecks();
    });

    [System.Text.RegularExpressions.GeneratedRegex(@"/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9]+)(?=/|$)")]
    private static partial System.Text.RegularExpressions.Regex Identifiers();

    private static bool IsProxied(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/graphql") || path.StartsWithSegments("/session");

    private sealed class ApiHealthCheck(IHttpClientFactory clients) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var response = await clients.CreateClient(Cluster).GetAsync("/alive", cancellationToken);
                return response.IsSuccessStatusCode ? HealthCheckResult.Healthy("connected") : new HealthCheckResult(context.Registration.FailureStatus, "disconnected");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "disconnected", ex);
            }
        }
    }
}
