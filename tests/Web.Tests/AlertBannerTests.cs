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

    [Fact]
    public async Task A_warning_raised_while_the_phone_was_offline_shows_when_it_is_back_without_a_reload()
    {
        await using var phoneContext = await system.NewContextAsync(phone: true);
        await using var laptopContext = await system.NewContextAsync(phone: false);
        var (phone, laptop) = (await phoneContext.NewPageAsync(), await laptopContext.NewPageAsync());
        var email = $"away-{Guid.NewGuid():N}@pokertracker.test";
        await phone.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(phone, email);
        await phone.GetByRole(AriaRole.Link, new() { Name = "Start a session" }).ClickAsync();
        await phone.GetByLabel("Venue").FillAsync("Commerce");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await PlayerJourneyTests.WaitForLiveAsync(phone);
        await phone.GetByText("Limits for this session").ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Save limits" })).ToBeEnabledAsync();
        await phone.GetByLabel("Stop-loss (USD)").FillAsync("50");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Save limits" }).ClickAsync();
        await Assertions.Expect(phone.GetByText("Saved for this session")).ToBeVisibleAsync();

        // The casino Wi-Fi drops; meanwhile the laptop logs the stack that breaks the stop-loss, and shows the warning.
        await phoneContext.SetOfflineAsync(true);
        await PlayerJourneyTests.SignInAsync(laptop, email);
        await laptop.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Commerce") }).ClickAsync(new() { Timeout = 10_000 });
        await PlayerJourneyTests.WaitForLiveAsync(laptop);
        await PlayerJourneyTests.Act(laptop, "140", "Update stack");
        var warning = (IPage p) => p.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Your limit is reached" });
        await Assertions.Expect(warning(laptop)).ToContainTextAsync("past your stop-loss", new() { Timeout = 30_000 });

        // Back online, the phone shows it, though neither of its streams carried it.
        await phoneContext.SetOfflineAsync(false);
        // (Its streams wait for the device to say it is online again, or 30 s at most.)
        await Assertions.Expect(warning(phone)).ToContainTextAsync("past your stop-loss", new() { Timeout = 45_000 });
        await Assertions.Expect(phone.GetByTestId("stack")).ToHaveTextAsync("$140.00");
    }
}
