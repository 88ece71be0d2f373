using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PokerTracker.TestSupport;

namespace PokerTracker.Faults.Tests;

/// <summary>Faults of the services and of the broker, each stating what it proves.</summary>
[Collection(Engines.Collection)]
public sealed class ReplicaCrashTests(EnginesFixture engines) : IDisposable
{
    private readonly ApiFactory _replicaB = engines.CreateApi();

    public void Dispose() => _replicaB.Dispose();

    /// <summary>
    /// Proves: when one Session.Api replica is killed with SIGKILL during writes, every command it
    /// acknowledged reaches Kafka, and the ones it never answered can be retried on another replica
    /// with their idempotency keys without any duplicate: each key is one event, the sequence has no gap.
    /// </summary>
    [Fact]
    public async Task Kill_9_of_a_replica_loses_no_acknowledged_command_and_retries_never_duplicate()
    {
        await using var replicaA = await StartReplicaAsync();
        using var a = new HttpClient { BaseAddress = new Uri(replicaA.ReadyValue.Replace("0.0.0.0", "127.0.0.1")) };
        var register = await a.PostAsJsonAsync("/api/auth/register", new { email = $"crash-{Guid.NewGuid():N}@pokertracker.test", password = "correct horse battery" });
        var token = (await register.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        a.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var created = await a.PostAsJsonAsync("/api/sessions", PlayerClient.Cash);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var acknowledged = new ConcurrentBag<string>();
        var unanswered = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var key = Guid.NewGuid().ToString();
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/stack") { Content = JsonContent.Create(new { amount = 1_000 + w }) };
                    request.Headers.Add("Idempotency-Key", key);
                    using var response = await a.SendAsync(request);
                    (response.IsSuccessStatusCode ? acknowledged : unanswered).Add(key);
                }
                catch (HttpRequestException)
                {
                    unanswered.Add(key);
                    return;
                }
            }
        })).ToList();

        await Task.Delay(2_000);
        await replicaA.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        Assert.NotEmpty(acknowledged);

        // The player retries what got no answer, on the surviving replica, with the same keys.
        using var b = _replicaB.CreateClient();
        b.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var key in unanswered)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/stack") { Content = JsonContent.Create(new { amount = 1_000 }) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await b.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode || (int)response.StatusCode == 422, $"retry of {key}: {(int)response.StatusCode}");
        }

        var session = (await b.GetFromJsonAsync<JsonObject>($"/api/sessions/{id}"))!;
        var version = session["version"]!.GetValue<long>();
        // The dead replica held outbox leases: they expire (10 s) and the survivor relays what is left.
        var events = KafkaReader.ReadSession(engines.Kafka.BootstrapServers, id, (int)version, TimeSpan.FromSeconds(60));
        var distinct = events.GroupBy(e => e.Event.EventId).Select(g => g.First().Event).ToList();
        Assert.Equal(Enumerable.Range(1, (int)version).Select(i => (long)i), distinct.Select(e => e.Sequence).Order());
        Assert.All(acknowledged, key => Assert.Contains(distinct, e => e.EventId == key));
        Assert.Equal(version - 2, acknowledged.Count + unanswered.Count(k => distinct.Any(e => e.EventId == k)));
    }

    /// <summary>
    /// Proves: with the Kafka broker unreachable for 30 seconds, commands keep succeeding (the
    /// outbox holds the events), and every event arrives, in order, once it is back.
    /// </summary>
    [Fact]
    public async Task With_the_broker_down_for_thirty_seconds_writes_succeed_and_everything_arrives_after()
    {
        using var player = _replicaB.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        var commands = 0;
        engines.Kafka.Freeze();
        try
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < until)
            {
                await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 10_000 + commands });
                commands++;
                await Task.Delay(250);
            }
        }
        finally
        {
            engines.Kafka.Thaw();
        }

        var events = KafkaReader.ReadSession(engines.Kafka.BootstrapServers, id, commands + 2, TimeSpan.FromSeconds(90));
        var sequences = events.Select(e => e.Event.Sequence).Distinct().ToList();
        Assert.Equal(Enumerable.Range(1, commands + 2).Select(i => (long)i), sequences.Order());
        Assert.True(commands > 60, $"only {commands} commands in 30 s");
    }

    private async Task<LocalProcess> StartReplicaAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(RepoPaths.Root, "Session.Api", "bin", RepoPaths.Configuration, "net10.0", "Session.Api.dll"), "--urls", "http://127.0.0.1:0" },
            Environment =
            {
                ["ConnectionStrings__redis"] = engines.Redis.ConnectionString,
                ["ConnectionStrings__kafka"] = engines.Kafka.BootstrapServers,
                ["ConnectionStrings__clickhouse"] = engines.ClickHouse.ConnectionString(),
                ["Auth__SigningKey"] = ApiFactory.SigningKey,
                ["RateLimits__WritesPerSecond"] = "100000",
                ["RateLimits__WriteBurst"] = "100000",
                ["RateLimits__WritesPerAddressPerSecond"] = "100000",
                ["Alerts__ConsumerGroup"] = "alerts-" + Guid.NewGuid().ToString("N"),
            },
        };
        return await LocalProcess.StartAsync(start, "Now listening on:", TimeSpan.FromSeconds(60));
    }
}
