using Microsoft.Playwright;

namespace PokerTracker.Web.Tests;

/// <summary>The variance simulator shows the closed-form figures for what the player enters, and 20 sample paths.</summary>
[Collection(SystemCollection.Name)]
public sealed class VarianceTests(SystemFixture system)
{
    [Fact]
    public async Task The_simulator_shows_the_chance_of_being_behind_and_twenty_paths()
    {
        await using var context = await system.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(page, $"variance-{Guid.NewGuid():N}@pokertracker.test");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Variance and downswing simulator" }).ClickAsync();
        // A new player's fields hold examples, and the page says so.
        await Assertions.Expect(page.GetByTestId("example-figures")).ToContainTextAsync("Example figures");

        // $20/h with a deviation of $100/h over 100 hours: EV $2,000, σ $1,000, P(behind) = Φ(−2) = 2.28%.
        await page.GetByLabel("Win rate (USD/hour)").FillAsync("20");
        await page.GetByLabel("Standard deviation (USD/hour)").FillAsync("100");
        await page.GetByLabel("Length (hours)").FillAsync("100");
        await Assertions.Expect(page.GetByTestId("expected")).ToHaveTextAsync("$2,000.00");
        await Assertions.Expect(page.GetByTestId("behind")).ToHaveTextAsync("2.28%");
        await Assertions.Expect(page.Locator("svg.variance")).ToHaveAttributeAsync("data-paths", "20");
        await Screens.CheckAsync(page, system, "variance");

        // Online, per 100 hands: 5 bb/100, 90 bb/100 over 10,000 hands (100 units): Φ(−500/900) = 28.93%.
        await page.GetByRole(AriaRole.Button, new() { Name = "Online (per 100 hands)" }).ClickAsync();
        await page.GetByLabel("Length (hundred hands)").FillAsync("100");
        await Assertions.Expect(page.GetByTestId("expected")).ToHaveTextAsync("500.0 bb");
        await Assertions.Expect(page.GetByTestId("behind")).ToHaveTextAsync("28.93%");

        await page.GetByLabel("Standard deviation (bb/100)").FillAsync("0");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("standard deviation above 0");

        // Each kind of play keeps what was typed for it: back to live, the live figures are still there.
        await page.GetByRole(AriaRole.Button, new() { Name = "Live (per hour)" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Length (hours)")).ToHaveValueAsync("100");
        await Assertions.Expect(page.GetByTestId("expected")).ToHaveTextAsync("$2,000.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Online (per 100 hands)" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Standard deviation (bb/100)")).ToHaveValueAsync("0");
    }
}
