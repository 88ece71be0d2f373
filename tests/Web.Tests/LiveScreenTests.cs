using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PokerTracker.Web.Tests;

/// <summary>At the table and after it: the figures run with the clock, amounts are never typed onto the last one, and the timeline tells the whole evening.</summary>
[Collection(SystemCollection.Name)]
public sealed class LiveScreenTests(SystemFixture system)
{
    [Fact]
    public async Task A_cash_game_s_rates_run_with_the_clock_the_keypad_starts_afresh_and_a_correction_typed_wrong_is_said()
    {
        await using var context = await system.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.Clock.InstallAsync(); // time runs as usual, and can be moved on
        await page.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(page, $"live-{Guid.NewGuid():N}@pokertracker.test");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a session" }).ClickAsync();
        await page.GetByLabel("Venue").FillAsync("Bellagio");
        await page.GetByLabel("Small blind").FillAsync("2");
        await page.GetByLabel("Big blind").FillAsync("5");
        await page.GetByLabel("Buy-in").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Buy-in: enter an amount above 0");
        await page.GetByLabel("Buy-in").FillAsync("500");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await PlayerJourneyTests.WaitForLiveAsync(page);

        // After a rebuy the field is empty: the next amount is not typed onto the last one.
        await PlayerJourneyTests.Act(page, "100", "Rebuy");
        await Assertions.Expect(page.GetByLabel("Amount (USD)")).ToHaveValueAsync("");
        var keypad = page.GetByRole(AriaRole.Group, new() { Name = "Keypad" });
        foreach (var key in new[] { "7", "1", "7" })
        {
            await keypad.GetByRole(AriaRole.Button, new() { Name = key, Exact = true }).ClickAsync();
        }

        await Assertions.Expect(page.GetByLabel("Amount (USD)")).ToHaveValueAsync("717");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update stack", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("net")).ToHaveTextAsync("+$117.00");
        await Assertions.Expect(page.GetByTestId("per-hour")).ToHaveTextAsync("—"); // under a minute played

        // Nothing is entered for two and a half minutes: time and rates run on.
        await page.Clock.FastForwardAsync("02:30");
        await Assertions.Expect(page.GetByTestId("time")).ToHaveTextAsync("2m");
        await Assertions.Expect(page.GetByTestId("per-hour")).Not.ToHaveTextAsync("—");
        var perHour = await page.GetByTestId("per-hour").TextContentAsync();
        await page.Clock.FastForwardAsync("01:00:00");
        await Assertions.Expect(page.GetByTestId("time")).ToHaveTextAsync("1h 02m");
        await Assertions.Expect(page.GetByTestId("per-hour")).Not.ToHaveTextAsync(perHour!); // +$117 over more time: less per hour
        await page.Clock.SetSystemTimeAsync(DateTime.UtcNow); // back to the server's time: a cash-out is never in the future

        await page.GetByLabel("Amount (USD)").FillAsync("700");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cash out" }).ClickAsync();
        await PlayerJourneyTests.WaitForAddressAsync(page, "/sessions/[^/?#]+$");
        var timeline = page.GetByTestId("timeline").Locator("li");
        await Assertions.Expect(timeline).ToHaveCountAsync(4);
        await Assertions.Expect(timeline.Nth(0)).ToContainTextAsync("Buy-in $500.00");
        await Assertions.Expect(timeline.Nth(1)).ToContainTextAsync("Rebuy $100.00");
        await Assertions.Expect(timeline.Nth(2)).ToContainTextAsync("Stack $717.00");
        await Assertions.Expect(timeline.Nth(3)).ToContainTextAsync("Cashed out $700.00");

        // A cash-out typed wrong is said and nothing is sent, not even the venue typed with it.
        await page.GetByLabel("Venue").FillAsync("Bellagio Poker Room");
        await page.GetByLabel("Cash-out").FillAsync("13o0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save correction" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Cash-out: enter an amount in USD");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Bellagio ·");
        await Assertions.Expect(page.GetByTestId("net")).ToHaveTextAsync("+$100.00");

        // A cash-out "corrected" to what it is changes nothing, and is not counted as a correction.
        await page.GetByLabel("Cash-out").FillAsync("700");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save correction" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Correction: The session already has these values");
        await Assertions.Expect(page.GetByText("Corrected once")).ToHaveCountAsync(0);

        // Sat down an hour before the app was opened, and 120 hands were dealt: the buy-in moves with the start, bb/100 shows.
        var started = DateTime.ParseExact(await page.GetByLabel("Started").InputValueAsync(), "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        await page.GetByLabel("Started").FillAsync(started.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Hands played").FillAsync("12o");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save correction" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Hands played: enter a whole number");
        await page.GetByLabel("Hands played").FillAsync("120");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save correction" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Corrected once")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("bb-per-100")).ToHaveTextAsync("+16.67 bb"); // 20 bb won over 120 hands
        var sat = started.AddHours(-1).ToString("h:mm", CultureInfo.InvariantCulture);
        await Assertions.Expect(timeline.Nth(0)).ToHaveTextAsync(new Regex($@"^{sat}:00\s[AP]M · Buy-in \$500\.00$"));
        await Assertions.Expect(timeline.Last).ToContainTextAsync("Corrected start and hands played"); // not the cash-out left typed as it was
        // An end before the last stack update is refused, and says why.
        await page.GetByLabel("Ended").FillAsync(started.AddHours(-1).AddMinutes(30).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save correction" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ended: Cannot be before the last entry logged in the session");
    }

    [Fact]
    public async Task A_tournament_s_stack_is_in_chips_its_rebuys_in_money_and_its_timeline_starts_with_the_entry()
    {
        await using var context = await system.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(page, $"mtt-{Guid.NewGuid():N}@pokertracker.test");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a session" }).ClickAsync();
        await page.GetByLabel("Kind").SelectOptionAsync("tournament");
        await page.GetByLabel("Venue").FillAsync("WSOP Daily");
        await page.GetByLabel("Buy-in").FillAsync("100");
        await page.GetByLabel("Fee").FillAsync("10");
        await page.GetByLabel("Starting stack (chips)").FillAsync("20.5"); // no number of chips: named, nothing sent
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Starting stack: enter the chips you start with");
        await page.GetByLabel("Starting stack (chips)").FillAsync("20 000");
        await page.GetByLabel("Currency").FillAsync("usd"); // typed small, as on a phone: the code all the same
        var starting = page.WaitForRequestAsync(r => r.Method == "POST" && r.Url.EndsWith("/api/sessions", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        var sent = (await starting).PostData;
        Assert.Contains("\"startingStack\":20000", sent, StringComparison.Ordinal); // the chart starts there
        Assert.Contains("\"currency\":\"USD\"", sent, StringComparison.Ordinal);
        await PlayerJourneyTests.WaitForLiveAsync(page);
        await Assertions.Expect(page.GetByTestId("stack")).ToHaveTextAsync("20,000 chips"); // before the first count, the stack it starts with

        await page.GetByLabel("Chips").FillAsync("23,400");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update stack", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("stack")).ToHaveTextAsync("23,400 chips");
        await page.GetByLabel("Chips").FillAsync("23.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update stack", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Stack: enter your chips");

        await page.GetByLabel("Amount (USD)").FillAsync("100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rebuy", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("invested")).ToHaveTextAsync("$210.00");
        await Assertions.Expect(page.GetByLabel("Amount (USD)")).ToHaveValueAsync("");

        await page.GetByLabel("Prize (USD)").FillAsync("640");
        await page.GetByLabel("Finished").FillAsync("3");
        await page.GetByLabel("Of (entries)").FillAsync("120");
        await page.GetByRole(AriaRole.Button, new() { Name = "End tournament" }).ClickAsync();
        await PlayerJourneyTests.WaitForAddressAsync(page, "/sessions/[^/?#]+$");
        await Assertions.Expect(page.GetByTestId("net")).ToHaveTextAsync("+$430.00");
        var timeline = page.GetByTestId("timeline").Locator("li");
        await Assertions.Expect(timeline).ToHaveCountAsync(4);
        await Assertions.Expect(timeline.Nth(0)).ToContainTextAsync("Entry $100.00 + $10.00 fee");
        await Assertions.Expect(timeline.Nth(1)).ToContainTextAsync("Stack 23,400 chips");
        await Assertions.Expect(timeline.Nth(2)).ToContainTextAsync("Rebuy $100.00");
        await Assertions.Expect(timeline.Nth(3)).ToContainTextAsync("Finished 3rd of 120, prize $640.00");
    }
}
