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

    [Fact]
    public async Task Back_from_a_session_far_down_the_list_returns_to_its_row_and_an_order_may_be_in_another_currency()
    {
        var (http, email) = await Seed.NewPlayerAsync(system.WebUrl, "history-back");
        using var signedIn = http;
        for (var i = 0; i < 26; i++)
        {
            await Seed.PlayAsync(http, $"Club {i:00}", 20_000 + (i * 1_000));
        }

        await Seed.PlayAsync(http, "Paris", 50_000, "EUR");

        await using var context = await system.NewContextAsync(phone: true);
        var (page, _) = await DashboardTests.OpenDashboardAsync(context, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        var rows = page.GetByRole(AriaRole.Region, new() { Name = "Sessions" }).Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(20);
        await page.GetByRole(AriaRole.Button, new() { Name = "Load more" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(27);

        // A session from the second page, and back: the same rows, and the page where it was.
        await BackFromAsync(page, rows, 25, 27);

        // Ordered, the list is in the currency most played, and the player may choose another.
        await page.GetByLabel("Order").SelectOptionAsync("best");
        var ordered = page.GetByTestId("ordered-sessions").Locator("tbody tr");
        await Assertions.Expect(ordered).ToHaveCountAsync(26);
        // Back from a session far down an ordered list: the same order, and the page where it was.
        await BackFromAsync(page, ordered, 22, 26);

        var currency = page.GetByLabel("Currency");
        await Assertions.Expect(currency).ToHaveValueAsync("USD");
        await currency.SelectOptionAsync("EUR");
        await Assertions.Expect(ordered).ToHaveCountAsync(1);
        await Assertions.Expect(ordered.First).ToContainTextAsync("Paris");
        await Assertions.Expect(page.GetByTestId("ordered-sessions").Locator("caption")).ToContainTextAsync("Ended sessions in EUR, biggest wins first");
        Assert.Contains("currency=EUR", page.Url, StringComparison.Ordinal);
        Assert.Contains("order=best", page.Url, StringComparison.Ordinal);
    }

    /// <summary>Opens the session of a row far down the list, and goes back: the list has its rows again, and the row is where it was.</summary>
    private static async Task BackFromAsync(IPage page, ILocator rows, int row, int count)
    {
        var link = rows.Nth(row).GetByRole(AriaRole.Link);
        await link.ScrollIntoViewIfNeededAsync();
        var y = await page.EvaluateAsync<double>("() => window.scrollY");
        Assert.True(y > 400, $"The row is {y} px down.");
        await link.ClickAsync();
        await PlayerJourneyTests.WaitForAddressAsync(page, "/sessions/[^/?#]+$");
        await page.GoBackAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(count);
        await page.WaitForFunctionAsync($"() => Math.abs(window.scrollY - {y}) < 40", null, new() { Timeout = 10_000 });
        await Assertions.Expect(link).ToBeInViewportAsync();
    }
}
