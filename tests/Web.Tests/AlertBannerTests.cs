using Microsoft.Playwright;

namespace PokerTracker.Web.Tests;

/// <summary>Two warnings before the player looks: the banner shows the latest and says there was another.</summary>
[Collection(SystemCollection.Name)]
public sealed class AlertBannerTests(SystemFixture system)
{
    [Fact]
    public async Task A_second_warning_says_there_was_an_earlier_one_until_both_are_dismissed()
    {
        await using var context = await system.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(page, $"banner-{Guid.NewGuid():N}@pokertracker.test");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a session" }).ClickAsync();
        await page.GetByLabel("Venue").FillAsync("Commerce");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await PlayerJourneyTests.WaitForLiveAsync(page);
        await page.GetByText("Limits for this session").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save limits" })).ToBeEnabledAsync();
        await page.GetByLabel("Stop-loss (USD)").FillAsync("50");
        await page.GetByLabel("Stop-win (USD)").FillAsync("100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save limits" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Saved for this session")).ToBeVisibleAsync();

        // Down $60, then up $200, without a look at the phone in between.
        await PlayerJourneyTests.Act(page, "140", "Update stack");
        var banner = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Your limit is reached" });
        await Assertions.Expect(banner).ToContainTextAsync("past your stop-loss", new() { Timeout = 15_000 });
        await PlayerJourneyTests.Act(page, "400", "Update stack");
        await Assertions.Expect(banner).ToContainTextAsync("You are up $200.00", new() { Timeout = 15_000 });
        await Assertions.Expect(banner.GetByTestId("earlier-alerts")).ToHaveTextAsync("And 1 earlier warning: see them all.");

        // The app closed and opened again: still both, until dismissed; then neither comes back.
        await page.ReloadAsync();
        await Assertions.Expect(banner).ToContainTextAsync("You are up $200.00");
        await Assertions.Expect(banner.GetByTestId("earlier-alerts")).ToHaveTextAsync("And 1 earlier warning: see them all.");
        await banner.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await page.RunAndWaitForResponseAsync(() => page.ReloadAsync(), r => r.Url.EndsWith("/alerts", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("invested")).ToHaveTextAsync("$200.00");
        await Assertions.Expect(banner).ToHaveCountAsync(0);
    }
}
