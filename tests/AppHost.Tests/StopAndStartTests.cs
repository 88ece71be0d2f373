using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PokerTracker.Contracts;
using PokerTracker.TestSupport;

namespace PokerTracker.AppHost.Tests;

/// <summary>
/// The whole app stopped right after cash-outs, as a developer presses Ctrl+C, and started again
/// on the same data: the broker (in memory locally) comes back empty, yet every ended session
/// reaches the statistics, once.
/// </summary>
public sealed class StopAndStartTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Sessions_ended_a_moment_before_a_stop_are_in_the_statistics_after_the_next_start()
    {
        using var data = TempFolder.New("pokertracker-restart-");
        var dataDirectory = data.Path;
        var email = $"restart-{Guid.NewGuid():N}@pokertracker.test";
        long expectedNet = 0;

        await using (var app = await StartAsync(dataDirectory))
        {
            using var api = app.CreateHttpClient(ResourceNames.SessionApi, "http");
            using var register = await api.PostAsJsonAsync("/api/auth/register", new { email, password = Password });
            Assert.Equal(HttpStatusCode.Created, register.StatusCode);
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await register.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
            foreach (var cashOut in new[] { 26_500L, 9_000L, 41_000L })
            {
                using var started = await api.PostAsJsonAsync("/api/sessions", new
                {
                    kind = "cash", game = "NLHE", format = "live", venue = "Bellagio", currency = "USD",
                    stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000, startedAt = DateTimeOffset.UtcNow.AddHours(-2),
                });
                var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
                using var ended = await api.PostAsJsonAsync($"/api/sessions/{id}/end", new { cashOut });
                Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
                expectedNet += cashOut - 20_000;
            }

            await app.StopAsync(); // at once: the workers may not have consumed the cash-outs yet
        }

        await using (var app = await StartAsync(dataDirectory))
        {
            using var api = app.CreateHttpClient(ResourceNames.SessionApi, "http");
            using var login = await api.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());

            JsonObject? stats = null;
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline)
            {
                using var response = await api.GetAsync("/api/stats");
                if (response.IsSuccessStatusCode)
                {
                    stats = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                    if (stats["sessions"]!.GetValue<int>() == 3)
                    {
                        break;
                    }
                }

                await Task.Delay(500);
            }

            Assert.True(stats?["sessions"]?.GetValue<int>() == 3, $"after the restart the statistics count {stats?["sessions"]} of 3 sessions");
            Assert.Equal(expectedNet, stats!["netResult"]!.GetValue<long>());
        }
    }

    private const string Password = "correct horse battery";

    private static async Task<DistributedApplication> StartAsync(string dataDirectory)
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                "--DcpPublisher:ContainerRuntimeInitializationTimeout=00:00:00",
                "--LocalEngines:Mode=executables",
                $"--Web:Port={LocalProcess.FreePort()}", // not the port of a system that ./run.sh may be running
                $"--LocalEngines:DataDirectory={dataDirectory}",
            ],
            cts.Token);
        var app = await builder.BuildAsync(cts.Token);
        await app.StartAsync(cts.Token);
        foreach (var resource in new[] { ResourceNames.SessionApi, ResourceNames.AnalyticsWorker })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }

        return app;
    }
}
