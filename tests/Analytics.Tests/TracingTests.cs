using System.Collections.Concurrent;
using System.Diagnostics;
using PokerTracker.TestSupport;

namespace PokerTracker.Analytics.Tests;

/// <summary>One trace from the HTTP command through its Redis append to the ClickHouse insert, carried across Kafka by the traceparent header.</summary>
[Collection(Engines.Collection)]
public sealed class TracingTests(EnginesFixture engines) : IDisposable
{
    private readonly ApiFactory _api = engines.CreateApi();
    private readonly AnalyticsWorkerFactory _worker = engines.StartWorker();

    public void Dispose()
    {
        _worker.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task A_command_s_trace_reaches_the_relay_the_worker_and_the_ClickHouse_insert()
    {
        var seen = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "PokerTracker",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = seen.Add,
        };
        ActivitySource.AddActivityListener(listener);

        using var player = _api.NewPlayer();
        await Pipeline.PlayCashAsync(player, 1_000, 1_000);
        await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 1, TimeSpan.FromSeconds(45));

        var traceId = ActivityTraceId.CreateRandom();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/end") { Content = System.Net.Http.Json.JsonContent.Create(new { cashOut = 500 }) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        (await player.Http.SendAsync(request)).EnsureSuccessStatusCode();
        await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 2, TimeSpan.FromSeconds(10));

        // The statistics count an ended session from the live store already: the worker's spans may come seconds later on a loaded machine.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string[] expected = ["EVALSHA", "session-events publish", "session-events process", "clickhouse insert events", "clickhouse insert sessions"];
        while (DateTime.UtcNow < deadline && !expected.All(name => seen.Any(a => a.OperationName == name && a.TraceId == traceId)))
        {
            await Task.Delay(50);
        }

        Assert.All(expected, name => Assert.Contains(seen, a => a.OperationName == name && a.TraceId == traceId));
        var publish = seen.First(a => a.OperationName == "session-events publish" && a.TraceId == traceId);
        Assert.Equal(ActivityKind.Producer, publish.Kind);
        Assert.Equal(ActivityKind.Consumer, seen.First(a => a.OperationName == "session-events process" && a.TraceId == traceId).Kind);
        var append = seen.First(a => a.OperationName == "EVALSHA" && a.TraceId == traceId); // the command's atomic write to the live store
        Assert.Equal(ActivityKind.Client, append.Kind);
        Assert.Equal("redis", append.GetTagItem("db.system.name"));
        Assert.Equal("session append", append.GetTagItem("db.collection.name"));
        // Redis calls outside a trace (the relay's polling, lease renewals, the reconciler) make no spans of their own.
        Assert.DoesNotContain(seen, a => a.GetTagItem("db.system.name") is "redis" && a.ParentSpanId == default);
    }
}
