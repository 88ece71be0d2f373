using Microsoft.Playwright;

namespace PokerTracker.Web.Tests;

/// <summary>History as a player uses it on a phone: every session newest first, or the ended ones by result or length.</summary>
[Collection(SystemCollection.Name)]
public sealed class HistoryTests(SystemFixture system)
{
    [Fact]
    public async Task History_orders_the_ended_sessions_by_result_and_keeps_the_order_back_from_a_session()
    {
        var (http, email) = await Seed.NewPlayerAsync(system.WebUrl, "history");
        using var signedIn = http;
        foreach (var (venue, cashOut) in new[] { ("Aria", 45_000L), ("Wynn", 5_000L), ("Bellagio", 26_000L) }) // +$250, −$150, +$60, played in that order
        {
            await Seed.PlayAsync(http, venue, cashOut);
        }

        await using var context = await system.NewContextAsync(phone: true);
        var (page, _) = await DashboardTests.OpenDashboardAsync(context, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        var newest = page.GetByRole(AriaRole.Region, new() { Name = "Sessions" }).Locator("tbody tr");
        await Assertions.Expect(newest).ToHaveCountAsync(3);
        await Assertions.Expect(newest.First).ToContainTextAsync("Bellagio");

        await page.GetByLabel("Order").SelectOptionAsync("worst");
        var ordered = page.GetByTestId("ordered-sessions").Locator("tbody tr");
        await Assertions.Expect(ordered).ToHaveCountAsync(3);
        Assert.Equal(["Wynn", "Bellagio", "Aria"], (await ordered.Locator("td:nth-child(2)").AllInnerTextsAsync()).Select(v => v.Split('\n')[0].Trim()));
        await Assertions.Expect(page.GetByTestId("ordered-sessions").Locator("caption")).ToContainTextAsync("Ended sessions in USD, biggest losses first");
        await Assertions.Expect(page.GetByLabel("Show")).ToHaveCountAsync(0); // only ended sessions are ordered by result
        Assert.Contains("order=worst", page.Url, StringComparison.Ordinal);
        await Screens.CheckAsync(page, system, "history-ordered");

        // To the biggest loss and back: the list is still in that order.
        await ordered.First.GetByRole(AriaRole.Link).ClickAsync();
        await PlayerJourneyTests.WaitForAddressAsync(page, "/sessions/[^/?#]+$");
        await page.GoBackAsync();
        await Assertions.Expect(page.GetByLabel("Order")).ToHaveValueAsync("worst");
        await Assertions.Expect(ordered.First).ToContainTextAsync("Wynn");

        await page.GetByLabel("Order").SelectOptionAsync("newest");
        await Assertions.Expect(newest.First).ToContainTextAsync("Bellagio");
        Assert.DoesNotContain("order=", page.Url, StringComparison.Ordinal);
    }
}
