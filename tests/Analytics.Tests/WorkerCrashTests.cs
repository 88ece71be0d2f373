using System.Diagnostics;
using PokerTracker.Contracts;
using PokerTracker.TestSupport;
using Xunit.Abstractions;

namespace PokerTracker.Analytics.Tests;

/// <summary>
/// Proves: killing the analytics worker with SIGKILL in the middle of a stream — between an
/// insert and its offset commit, as often as not — loses and doubles nothing. After a restart,
/// ClickHouse holds exactly the acknowledged events, once each.
/// </summary>
[Collection(Engines.Collection)]
public sealed class WorkerCrashTests(EnginesFixture engines, ITestOutputHelper output) : IDisposable
{
    private readonly ApiFactory _api = engines.CreateApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Kill_9_of_the_worker_during_ten_thousand_events_then_restart_stores_each_acknowledged_event_once()
    {
        var group = "crash-" + Guid.NewGuid().ToString("N");
        var worker = await StartWorkerAsync(group);
        const int players = 20, updatesEach = 498; // + 2 events at start = 500 a session, 10,000 in all
        var clients = Enumerable.Range(0, players).Select(_ => _api.NewPlayer()).ToList();
        var acknowledged = 0;
        var posting = Task.WhenAll(clients.Select(async player =>
        {
            var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
            Interlocked.Add(ref acknowledged, 2);
            for (var i = 0; i < updatesEach; i++)
            {
                await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 20_000 + i });
                Interlocked.Increment(ref acknowledged);
            }
        }));

        // Let it store a few batches, then kill it mid-stream.
        var users = string.Join(",", clients.Select(c => $"'{c.UserId}'"));
        var watch = Stopwatch.StartNew();
        while (await Pipeline.CountAsync(engines, $"SELECT count() FROM {AnalyticsTables.Events} WHERE user_id IN ({users})") < 1_500)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(90), "the worker stored nothing");
            await Task.Delay(20);
        }

        await worker.KillAsync();
        var storedAtKill = await Pipeline.CountAsync(engines, $"SELECT count() FROM {AnalyticsTables.Events} FINAL WHERE user_id IN ({users})");
        output.WriteLine($"killed with {storedAtKill} events stored and {Volatile.Read(ref acknowledged)} acknowledged");
        await worker.DisposeAsync();

        await posting;
        Assert.Equal(players * (updatesEach + 2), acknowledged);
        await using var restarted = await StartWorkerAsync(group);
        watch.Restart();
        while (await Pipeline.CountAsync(engines, $"SELECT count() FROM {AnalyticsTables.Events} FINAL WHERE user_id IN ({users})") < acknowledged)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(120), "the restarted worker did not catch up");
            await Task.Delay(100);
        }

        await Task.Delay(1_000); // anything beyond would be a duplicate or a stray
        Assert.Equal(acknowledged, await Pipeline.CountAsync(engines, $"SELECT count() FROM {AnalyticsTables.Events} FINAL WHERE user_id IN ({users})"));
        Assert.Equal(acknowledged, await Pipeline.CountAsync(engines, $"SELECT uniqExact(event_id) FROM {AnalyticsTables.Events} WHERE user_id IN ({users})"));
        Assert.Equal(players, await Pipeline.CountAsync(engines, $"SELECT count() FROM {AnalyticsTables.Sessions} FINAL WHERE user_id IN ({users}) AND version = {updatesEach + 2}"));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    private async Task<LocalProcess> StartWorkerAsync(string group)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(RepoPaths.Root, "Analytics.Worker", "bin", RepoPaths.Configuration, "net10.0", "Analytics.Worker.dll"), "--urls", "http://127.0.0.1:0" },
            Environment =
            {
                ["ConnectionStrings__redis"] = engines.Redis.ConnectionString,
                ["ConnectionStrings__kafka"] = engines.Kafka.BootstrapServers,
                ["ConnectionStrings__clickhouse"] = engines.ClickHouse.ConnectionString(),
                ["Analytics__ConsumerGroup"] = group,
                ["Analytics__FlushInterval"] = "00:00:00.200",
                ["Analytics__MaxBatch"] = "400",
            },
        };
        return await LocalProcess.StartAsync(start, "Now listening on:", TimeSpan.FromSeconds(60));
    }
}
