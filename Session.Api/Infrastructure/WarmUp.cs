using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PokerTracker.ServiceDefaults.Health;
using PokerTracker.SessionApi.Accounts;

namespace PokerTracker.SessionApi.Infrastructure;

/// <summary>How the warm-up reaches this replica.</summary>
public interface IWarmUpTarget
{
    /// <summary>A client for this replica's own pipeline, or null when it cannot be reached.</summary>
    HttpClient? Create();
}

/// <summary>This replica's own HTTP address, over loopback.</summary>
internal sealed class LoopbackWarmUpTarget(IServer server) : IWarmUpTarget
{
    public HttpClient? Create()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        if (address is null)
        {
            return null;
        }

        // A wildcard or any-address binding is reached on loopback.
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]")
        {
            uri.Host = "127.0.0.1";
        }

        return new HttpClient { BaseAddress = uri.Uri, Timeout = TimeSpan.FromSeconds(10) };
    }
}

/// <summary>
/// A new replica's first requests paid for building its request pipeline and its command path: the
/// first request to a fresh process took 0.3–0.6 s (docs/BENCHMARKS.md, "a new replica"). Once the
/// server listens and before the host reports started, the replica sends itself those first
/// requests: <c>/alive</c> (routing table, middleware) and a stack update on a session that does not
/// exist, with a token for a throwaway identity that is never stored (authentication, the rate
/// limiter, binding, the session store, a problem answer — 404, nothing written). Until it is done,
/// <c>/health</c>, the deployment's readiness probe, reports "warming-up", so no player is sent to
/// the replica before. A warm-up that fails is logged and the replica serves anyway.
/// </summary>
internal sealed class WarmUp(IWarmUpTarget target, TokenService tokens, TimeProvider time, ILogger<WarmUp> logger) : IHostedLifecycleService, IHealthCheck
{
    public const string Name = "warm-up";

    private volatile bool _done;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After every hosted service started, the server included: it listens now.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var http = target.Create();
            if (http is null)
            {
                logger.LogInformation("No HTTP address to warm up on; serving without");
                return;
            }

            using var alive = await http.GetAsync(Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath, cancellationToken);
            var (token, _) = tokens.Issue(new UserAccount(Guid.NewGuid().ToString(), "warm-up@pokertracker.invalid", Roles.Free, time.GetUtcNow()));
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{Guid.NewGuid()}/stack")
            {
                Content = new StringContent("""{"amount":1}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var command = await http.SendAsync(request, cancellationToken);
            logger.LogInformation("Warmed up in {Milliseconds} ms: /alive {Alive}, a stack update on no session {Command}",
                watch.ElapsedMilliseconds, (int)alive.StatusCode, (int)command.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Warm-up failed after {Milliseconds} ms ({Reason}); serving anyway", watch.ElapsedMilliseconds, ex.Message);
        }
        finally
        {
            _done = true;
        }
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_done ? HealthCheckResult.Healthy(DependencyStates.Ready) : HealthCheckResult.Unhealthy(DependencyStates.WarmingUp));
}
