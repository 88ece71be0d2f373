using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace PokerTracker.Web.Tests;

/// <summary>The dashboard as a player uses it: one request per change of inputs, their time zone, stakes as they read them.</summary>
[Collection(SystemCollection.Name)]
public sealed class DashboardTests(SystemFixture system)
{
    [Fact]
    public async Task The_dashboard_asks_once_per_change_in_the_players_time_zone_and_shows_stakes_as_money()
    {
        var email = $"dash-{Guid.NewGuid():N}@pokertracker.test";
        using var http = new HttpClient { BaseAddress = system.WebUrl };
        var token = await RegisterAsync(http, email);
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        foreach (var cashOut in new[] { 35_000, 12_000 })
        {
            using var started = await http.PostAsJsonAsync("/api/sessions", new
            {
                kind = "cash", game = "NLHE", format = "live", venue = "Aria", currency = "USD",
                stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000, startedAt = DateTimeOffset.UtcNow.AddHours(-3),
            });
            var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            using var ended = await http.PostAsJsonAsync($"/api/sessions/{id}/end", new { cashOut });
            ended.EnsureSuccessStatusCode();
        }

        for (var i = 0; i < 100 && await SessionsCountedAsync(http) < 2; i++)
        {
            await Task.Delay(200);
        }

        await using var context = await system.NewContextAsync(phone: true, timeZone: "Asia/Tokyo");
        var page = await context.NewPageAsync();
        var statsRequests = new ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/stats", StringComparison.Ordinal))
            {
                statsRequests.Enqueue(request.Url);
            }
        };
        await page.GotoAsync("/");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sessions")).ToHaveTextAsync("2");
        await page.WaitForTimeoutAsync(3_000);
        Assert.Single(statsRequests);
        Assert.Contains("timeZone=Asia%2FTokyo", statsRequests.Single());
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "$1/$2", Exact = true })).ToBeVisibleAsync();

        // Typing sends nothing; Compute sends one request, and the answer shows.
        await page.GetByLabel("Bankroll (USD)").PressSequentiallyAsync("2500");
        await page.WaitForTimeoutAsync(1_500);
        Assert.Single(statsRequests);
        await page.GetByRole(AriaRole.Button, new() { Name = "Compute" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("risk")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(3_000);
        Assert.Equal(2, statsRequests.Count);
        Assert.Contains("bankroll=250000", statsRequests.Last());
    }

    private static async Task<string> RegisterAsync(HttpClient http, string email)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/register", new { email, password = "correct horse battery" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<int> SessionsCountedAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/api/stats");
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessions").GetInt32() : 0;
    }
}
