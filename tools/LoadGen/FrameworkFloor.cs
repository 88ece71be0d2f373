using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using PokerTracker.Clients.Redis;
using PokerTracker.ServiceDefaults;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.Tools.LoadGen;

/// <summary>
/// The allocation floor under a stack update: what the framework and the Redis client allocate per request on
/// Session.Api's request path with none of PokerTracker's own work in it. This tool serves the stack-update route
/// as a process of its own (so that the runtime's allocation counter is that server's alone), taking the ingest
/// players' own requests, in three layers, each adding to the one before:
/// - http: Kestrel and the minimal API as Session.Api has them: the command bound from its JSON, and as the
///   answer a real session's view (made once) written as JSON;
/// - pipeline: Session.Api's middleware in its order with its own parts: telemetry (ServiceDefaults), forwarded
///   headers, the exception handler, the body-size limit, status pages, the access-token scheme (AccessTokens,
///   RecentRevocations), the rate limiter with the writes policy, authorization; the idempotency key and
///   If-Match read, the ETag set;
/// - redis: and one call of the append script as a stack update makes it (<see cref="AppendCall"/>).
/// What a stack update does besides is in no layer: the command's decision and its event's and document's bytes,
/// the span around the append, the live feed, the relay's read-back, produce, delivery report and delete.
/// </summary>
public static class FrameworkFloor
{
    /// <summary>The tool's first argument that makes it this server.</summary>
    public const string Command = "framework-floor";

    private static readonly string[] Layers = ["http", "pipeline", "redis"];

    public static async Task ServeAsync(string layer, Guid sample, string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var services = builder.Services;
        builder.AddRedis(); // each layer reads its sample from it
        services.Configure<JsonOptions>(o => ApiJson.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddSingleton(TimeProvider.System);
        var pipeline = layer != "http";
        if (pipeline)
        {
            builder.AddServiceDefaults();
            builder.AddTrustedForwardedHeaders();
            services.AddProblemDetails();
            services.AddExceptionHandler<ProblemExceptionHandler>();
            services.AddSingleton<SessionMetrics>();
            services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
            services.AddSingleton<AccessTokens>();
            services.AddSingleton<RecentRevocations>();
            services.AddHostedService(sp => sp.GetRequiredService<RecentRevocations>());
            services.AddAuthentication(AccessTokenHandler.Name)
                .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AccessTokenHandler.Name, configureOptions: null);
            services.AddAuthorization();
            services.AddPokerTrackerRateLimits();
        }

        var app = builder.Build();
        var redis = app.Services.GetRequiredService<IConnectionMultiplexer>();
        var db = redis.GetDatabase();
        var update = await UpdateSample.ReadAsync(redis, sample);
        var view = SessionView.From(SessionStateJson.Deserialize(update.Document), DateTimeOffset.UtcNow);
        var append = layer == "redis" ? new AppendCall(update, Guid.NewGuid()) : null;
        if (append is not null)
        {
            await append.PrepareAsync(db);
        }

        if (pipeline)
        {
            app.UseTrustedForwardedHeaders();
            app.UseExceptionHandler();
            app.UseBodySizeLimit(RequestLimits.DefaultBodyBytes, RequestLimits.PerPath(RequestLimits.HandUploadBytes));
            app.UseStatusCodePages();
            app.UseAuthentication();
            app.UseRateLimiter();
            app.UseAuthorization();
        }

        long calls = 0;
        var route = app.MapPost("/api/sessions/{id:guid}/stack", async Task<Ok<SessionView>> (TimeProvider time, ClaimsPrincipal user, Guid id, UpdateStackCommand command, HttpContext context) =>
        {
            _ = (RequestHeaders.IdempotencyKey(context.Request), RequestHeaders.IfMatch(context.Request));
            if (append is not null)
            {
                await append.CallAsync(db, Interlocked.Increment(ref calls));
            }

            RequestHeaders.SetETag(context.Response, view.Version);
            return TypedResults.Ok(view);
        });
        if (pipeline)
        {
            route.RequireAuthorization().RequireRateLimiting(RateLimits.Writes);
        }

        // What the calls wrote goes when the generator stops this server, while its connection to Redis is still open.
        app.Lifetime.ApplicationStopping.Register(() => append?.CleanUpAsync(db).GetAwaiter().GetResult());
        await app.RunAsync();
    }

    /// <summary>
    /// Each layer's server, started on its own, warmed up and then measured with the ingest players' stack updates:
    /// its bytes allocated (the runtime's counter) and its CPU per request.
    /// </summary>
    public static async Task<Dictionary<string, double>> MeasureAsync(
        IReadOnlyDictionary<string, string> env, Guid sample, int concurrency, TimeSpan window, Func<int, long, HttpRequestMessage> make)
    {
        var floor = new Dictionary<string, double>();
        foreach (var layer in Layers)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { typeof(FrameworkFloor).Assembly.Location, Command, layer, sample.ToString(), "--urls", "http://127.0.0.1:0" },
            };
            foreach (var (key, value) in env)
            {
                start.Environment[key] = value;
            }

            await using var server = await LocalProcess.StartAsync(start, "Now listening on:", TimeSpan.FromSeconds(60));
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 2_000 })
            {
                BaseAddress = new Uri(server.ReadyValue.Replace("0.0.0.0", "127.0.0.1")), Timeout = TimeSpan.FromSeconds(60),
            };
            var name = $"framework floor: {layer}";
            // The counters run through the warm-up, so that the window follows load, not an idle pause: a counter's
            // value arrives a moment after the second it covers, and one from an idle second would be counted in it.
            var counters = RuntimeCounters.Start(server.Id);
            await Load.MeasureAsync(name, http, concurrency, TimeSpan.FromSeconds(5), make);
            var (from, cpu) = (DateTime.UtcNow, Cpu.Seconds(server.Id));
            var load = await Load.MeasureAsync(name, http, concurrency, window, make);
            cpu = Cpu.Seconds(server.Id) - cpu;
            var allocated = counters.Average(from, DateTime.UtcNow).GetValueOrDefault("alloc-rate", double.NaN);
            counters.Dispose(); // before the server stops: its session ends with it
            if (load.Errors > 0)
            {
                throw new InvalidOperationException($"The framework floor's {layer} layer refused {load.Errors} of {load.Requests} requests: its figures would not be of a stack update.");
            }

            floor[$"{layer}_bytes_per_request"] = Math.Round(allocated / load.PerSecond);
            floor[$"{layer}_cpu_us_per_request"] = Math.Round(cpu * 1e6 / load.Requests, 1);
            floor[$"{layer}_requests_per_second"] = Math.Round(load.PerSecond);
            await server.StopAsync(TimeSpan.FromSeconds(15));
        }

        using var redis = await ConnectionMultiplexer.ConnectAsync(env["ConnectionStrings__redis"]);
        if (redis.GetServers()[0].Keys(pattern: "pt:floor:*").Any())
        {
            throw new InvalidOperationException("The framework floor's server left its writes in Redis.");
        }

        return floor;
    }
}
