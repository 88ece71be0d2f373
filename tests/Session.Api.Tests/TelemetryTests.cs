using System.Diagnostics;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>What the API exports as traces when nobody uses it: nothing a developer has to scroll past.</summary>
[Collection(Engines.Collection)]
public sealed class TelemetryTests(EnginesFixture engines)
{
    [Fact]
    public async Task Health_probes_and_an_idle_api_export_no_root_spans()
    {
        var exported = new List<Activity>();
        using var api = engines.CreateApi();
        using var traced = api.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(exported))));
        using var http = traced.CreateClient();
        (await http.GetAsync("/health")).EnsureSuccessStatusCode(); // started, connections open
        await Task.Delay(TimeSpan.FromSeconds(1));
        lock (exported)
        {
            exported.Clear();
        }

        // The deployment's probes: /health checks Redis, Kafka and ClickHouse (over HTTP) each time.
        for (var i = 0; i < 5; i++)
        {
            (await http.GetAsync("/health")).EnsureSuccessStatusCode();
            (await http.GetAsync("/alive")).EnsureSuccessStatusCode();
            await Task.Delay(300);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        List<Activity> roots;
        lock (exported)
        {
            roots = exported.Where(a => a.ParentSpanId == default).ToList();
        }

        Assert.True(roots.Count == 0, "root spans while idle: " + string.Join(", ", roots.Select(a => $"{a.Source.Name}: {a.DisplayName}")));

        // The exporter is wired: a player's request is a trace of its own.
        (await http.GetAsync("/api/sessions")).Dispose();
        await Task.Delay(TimeSpan.FromSeconds(1));
        lock (exported)
        {
            Assert.Contains(exported, a => a.ParentSpanId == default && a.Kind == ActivityKind.Server);
        }
    }
}
