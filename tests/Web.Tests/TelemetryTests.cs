using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PokerTracker.Contracts;
using Xunit.Abstractions;

namespace PokerTracker.Web.Tests;

/// <summary>
/// What a developer sees in the dashboard's Traces page, read from what the whole running system
/// exports: one trace per player action, end to end, and nothing while nobody plays.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TelemetryTests(SystemFixture system, ITestOutputHelper output)
{
    // OTLP span kinds.
    private const int Server = 2, Client = 3, Producer = 4, Consumer = 5;

    [Fact]
    public async Task A_stack_update_is_one_trace_across_the_services_and_idle_time_exports_no_root_spans()
    {
        using var http = new HttpClient { BaseAddress = system.WebUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Seed.RegisterAsync(http, $"trace-{Guid.NewGuid():N}@pokertracker.test"));
        using var started = await http.PostAsJsonAsync("/api/sessions", new
        {
            kind = "cash", game = "NLHE", format = "live", venue = "Aria", currency = "USD",
            stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000,
        });
        started.EnsureSuccessStatusCode();
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // The stack update, as the app sends it, with a trace of its own.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var appSpan = ActivitySpanId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/stack") { Content = JsonContent.Create(new { amount = 23_500 }) };
        request.Headers.Add("traceparent", $"00-{traceId}-{appSpan}-01");
        (await http.SendAsync(request)).EnsureSuccessStatusCode();

        (string Service, string Name, int Kind)[] expected =
        [
            (ResourceNames.Web, "POST /api/sessions/{id}/stack", Server),
            (ResourceNames.SessionApi, "POST /api/sessions/{id:guid}/stack", Server),
            (ResourceNames.SessionApi, "EVALSHA", Client),
            (ResourceNames.SessionApi, $"{Topics.SessionEvents} publish", Producer),
            (ResourceNames.AnalyticsWorker, $"{Topics.SessionEvents} process", Consumer),
            (ResourceNames.AnalyticsWorker, "clickhouse insert events", Client),
            (ResourceNames.TiltWorker, "tilt assess", Consumer),
        ];
        bool Has((string Service, string Name, int Kind) e, IEnumerable<ExportedSpan> spans) =>
            spans.Any(s => s.Service == e.Service && s.Kind == e.Kind && s.Name.StartsWith(e.Name, StringComparison.Ordinal));
        var deadline = DateTime.UtcNow.AddSeconds(45);
        List<ExportedSpan> trace;
        while (!expected.All(e => Has(e, trace = [.. system.Traces.Spans.Where(s => s.TraceId == traceId)])) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        trace = [.. system.Traces.Spans.Where(s => s.TraceId == traceId)];
        output.WriteLine(string.Join("\n", trace));
        Assert.All(expected, e => Assert.True(Has(e, trace), $"missing {e} in the trace:\n{string.Join("\n", trace)}"));
        // One tree: every span hangs from another span of the trace, or from the app's own request.
        var ids = trace.Select(s => s.SpanId).Append(appSpan).ToHashSet();
        Assert.All(trace, s => Assert.True(ids.Contains(s.ParentSpanId), $"{s} hangs from {s.ParentSpanId}, which is not in the trace"));

        // The app's files are loaded (a page load, not an action), then nobody plays while the probes
        // and the background work go on: nothing starts a trace. The window is longer than the
        // longest period of the background work (30 s: the guard sweep and the leaderboards' refresh),
        // so every periodic job runs in it at least once.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var from = DateTimeOffset.UtcNow;
        foreach (var file in new[] { "/", "/app.css", "/manifest.webmanifest", "/service-worker.js" })
        {
            (await http.GetAsync(file)).EnsureSuccessStatusCode();
        }

        var idle = TimeSpan.FromSeconds(35);
        await Task.Delay(idle);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the exporters' last batch of the window
        var roots = system.Traces.Spans.Where(s => s.IsRoot && s.Start >= from && s.Start < from + idle).ToList();
        Assert.True(roots.Count == 0, $"{roots.Count} root spans in {idle.TotalSeconds} idle seconds:\n{string.Join("\n", roots.Take(20))}");
        Assert.NotEmpty(system.Traces.Spans); // the collector did receive spans: the count above can fail
    }
}
