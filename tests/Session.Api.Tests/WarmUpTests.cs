using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>A new replica sends itself its first requests before it says it is ready, and writes nothing doing so.</summary>
[Collection(Engines.Collection)]
public sealed partial class WarmUpTests(EnginesFixture engines)
{
    [Fact]
    public async Task A_new_replica_warms_its_pipeline_and_command_path_before_it_reports_ready()
    {
        var seen = new List<string>();
        using var api = engines.CreateApi();
        using var warmed = api.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddSingleton<IWarmUpTarget>(sp => new TestServerTarget(sp, seen))));
        using var http = warmed.CreateClient(); // the host has started, and the warm-up ran while it did

        // Routing and the middleware, then the command path as far as the session store: a stack update
        // with a valid token (not 401) on a session that does not exist (404, nothing written).
        Assert.Equal(["GET /alive 200", "POST /api/sessions/{id}/stack 404"], seen);
        var health = JsonNode.Parse(await http.GetStringAsync("/health"))!;
        Assert.Equal("healthy", health["status"]!.GetValue<string>());
        Assert.Equal("ready", health["dependencies"]!["warm-up"]!.GetValue<string>());

        // A player's first command on the warmed replica works as on any other.
        using var player = await PlayerClient.RegisterAsync(warmed);
        var started = await player.StartCashAsync();
        var id = started["id"]!.GetValue<string>();
        var updated = await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 21_000 });
        Assert.Equal(21_000, updated["totals"]!["currentStack"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_replica_with_no_address_to_reach_itself_on_serves_without_a_warm_up()
    {
        using var api = engines.CreateApi(); // the test server has no HTTP address
        using var http = api.CreateClient();
        var health = JsonNode.Parse(await http.GetStringAsync("/health"))!;
        Assert.Equal("ready", health["dependencies"]!["warm-up"]!.GetValue<string>());
    }

    private sealed class TestServerTarget(IServiceProvider services, List<string> seen) : IWarmUpTarget
    {
        public HttpClient? Create() =>
            new(new Recorder(seen) { InnerHandler = ((TestServer)services.GetRequiredService<IServer>()).CreateHandler() }) { BaseAddress = new Uri("http://localhost") };
    }

    private sealed partial class Recorder(List<string> seen) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            seen.Add($"{request.Method} {Id().Replace(request.RequestUri!.AbsolutePath, "{id}")} {(int)response.StatusCode}");
            return response;
        }

        [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
        private static partial Regex Id();
    }
}
