using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace PokerTracker.Web.Tests;

/// <summary>Risk of ruin on the dashboard: a bankroll is read in the currency it was typed in; tournaments are left out of it.</summary>
[Collection(SystemCollection.Name)]
public sealed class DashboardRiskTests(SystemFixture system)
{
    [Fact]
    public async Task A_bankroll_typed_in_dollars_is_never_read_as_yen_and_the_spread_says_it_leaves_tournaments_out()
    {
        var email = $"risk-{Guid.NewGuid():N}@pokertracker.test";
        using var http = new HttpClient { BaseAddress = system.WebUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await Seed.RegisterAsync(http, email));
        foreach (var cashOut in new[] { 30_000L, 12_000, 26_000 })
        {
            await Seed.PlayAsync(http, "Aria", cashOut);
        }

        foreach (var cashOut in new[] { 50_000L, 4_000 })
        {
            await Seed.PlayAsync(http, "Tokyo Poker Club", cashOut, "JPY");
        }

        using var started = await http.PostAsJsonAsync("/api/sessions", new
        {
            kind = "tournament", game = "NLHE", format = "live", venue = "Venetian", currency = "USD",
            tournament = new { buyIn = 30_000, fee = 3_000 }, startedAt = DateTimeOffset.UtcNow.AddHours(-5),
        });
        var tournament = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await http.PostAsJsonAsync($"/api/sessions/{tournament}/end", new { prize = 0 })).EnsureSuccessStatusCode();
        for (var i = 0; i < 100 && (await Seed.SessionsCountedAsync(http) < 4 || await Seed.SessionsCountedAsync(http, "JPY") < 2); i++)
        {
            await Task.Delay(200);
        }

        await using var context = await system.NewContextAsync(phone: true);
        var (page, statsRequests) = await DashboardTests.OpenDashboardAsync(context, email);
        await Assertions.Expect(page.GetByTestId("sessions")).ToHaveTextAsync("4");
        await Assertions.Expect(page.GetByTestId("spread-basis")).ToHaveTextAsync("over your 3 cash sessions of 15 min or more");

        await page.GetByLabel("Bankroll (USD)").FillAsync("5000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compute" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("risk")).ToContainTextAsync("Risk of ruin at your cash games");
        Assert.Contains("bankroll=500000", statsRequests.Last());

        // The figures in yen: $5,000 is not ¥5,000 (nor ¥500,000): the yen view is asked without it, and the field is emptied.
        var asked = statsRequests.Count;
        await page.GetByTestId("currency").GetByRole(AriaRole.Combobox).SelectOptionAsync("JPY");
        await Assertions.Expect(page.GetByLabel("Bankroll (JPY)")).ToHaveValueAsync("");
        await Assertions.Expect(page.GetByTestId("sessions")).ToHaveTextAsync("2");
        Assert.All(statsRequests.Skip(asked), url => Assert.DoesNotContain("bankroll=", url));
        Assert.Contains(statsRequests.Skip(asked), url => url.Contains("currency=JPY", StringComparison.Ordinal));
    }
}
