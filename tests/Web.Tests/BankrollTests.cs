using Microsoft.Playwright;

namespace PokerTracker.Web.Tests;

/// <summary>Money away from the table, as a player keeps it: bankrolls, a deposit, a transfer, monthly goals, and the risk of ruin that follows.</summary>
[Collection(SystemCollection.Name)]
public sealed class BankrollTests(SystemFixture system)
{
    [Fact]
    public async Task A_player_keeps_two_bankrolls_moves_money_and_follows_monthly_goals()
    {
        var email = $"bankroll-{Guid.NewGuid():N}@pokertracker.test";
        using var http = new HttpClient { BaseAddress = system.WebUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await Seed.RegisterAsync(http, email));
        foreach (var cashOut in new[] { 45_000, 15_000, 38_000 })
        {
            await Seed.PlayAsync(http, "Aria", cashOut);
        }

        // "This month" is the browser's: in the first hours of a month, sessions that started three hours ago belong to the last one.
        await using var context = await system.NewContextAsync(phone: true, timeZone: Seed.ZoneWhereThisMonthHolds(3));
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        for (var attempt = 0; attempt < 40 && await page.GetByTestId("sessions").TextContentAsync() != "3"; attempt++)
        {
            await page.WaitForTimeoutAsync(250);
            await page.ReloadAsync();
            await page.GetByTestId("sessions").WaitForAsync();
        }

        // Goals: 40 hours and $1,000 a month; three sessions of 3 hours, +$380 so far.
        await page.GetByText("Monthly goals").ClickAsync();
        await page.GetByLabel("Hours per month").FillAsync("40");
        await page.GetByLabel("Profit per month (USD)").FillAsync("1000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save goals" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("goals")).ToContainTextAsync("Time: 9h 00m of 40 h");
        await Assertions.Expect(page.GetByTestId("goals")).ToContainTextAsync("Profit: +$380.00 of $1,000.00");

        // Two bankrolls; the live sessions land in the first; a deposit and a transfer.
        await page.GetByRole(AriaRole.Link, new() { Name = "bankrolls" }).First.ClickAsync();
        await page.GetByLabel("Name").FillAsync("Live USD");
        await page.GetByLabel("Live sessions go here").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("balance")).ToHaveTextAsync("$380.00");
        await page.GetByLabel("Amount (USD)").FillAsync("2000");
        await page.GetByLabel("Note").FillAsync("cashed a paycheque");
        // Slow Wi-Fi: the answer takes a second, and Record is tapped again meanwhile. One deposit.
        await page.RouteAsync("**/api/bankrolls/*/entries", async route =>
        {
            await Task.Delay(1_000);
            await route.ContinueAsync();
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync(new() { Force = true });
        await Assertions.Expect(page.GetByText("Deposit recorded.")).ToBeVisibleAsync();
        await page.UnrouteAsync("**/api/bankrolls/*/entries");
        await Assertions.Expect(page.GetByTestId("balance")).ToHaveTextAsync("$2,380.00");
        // An amount typed wrong says why, and the last success does not stand beside it.
        await page.GetByLabel("Amount (USD)").FillAsync("12.345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("USD has 2 decimals");
        await Assertions.Expect(page.GetByText("Deposit recorded.")).ToHaveCountAsync(0);
        await page.GetByLabel("Amount (USD)").FillAsync("");

        await page.GetByLabel("Name").FillAsync("Savings USD");
        await page.GetByLabel("Live sessions go here").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("balance")).ToHaveTextAsync(["$2,380.00", "$0.00"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Live USD" }).ClickAsync();
        await page.GetByRole(AriaRole.Form, new() { Name = "Transfer" }).Locator("select").SelectOptionAsync(new SelectOptionValue { Label = "Savings USD (USD)" });
        await page.GetByLabel("Sent (USD)").FillAsync("500");
        // The transfer reaches the server, its answer is lost on the way back, and the player taps again: one transfer.
        await LostAnswers.TapAgainAsync(page, "**/api/bankrolls/transfers", "POST", "Transfer");
        await Assertions.Expect(page.GetByText("Transfer recorded.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("balance")).ToHaveTextAsync(["$1,880.00", "$500.00"]);
        await Assertions.Expect(page.GetByTestId("ledger").Locator("tbody tr")).ToHaveCountAsync(5); // 3 sessions, the deposit, the transfer
        await Screens.CheckAsync(page, system, "bankroll");
        // On the narrowest phone each entry's balance is in sight without a swipe (its date goes under it).
        var size = page.ViewportSize!;
        await page.SetViewportSizeAsync(360, 740);
        var past = await page.GetByRole(AriaRole.Region, new() { Name = "History" }).EvaluateAsync<double>(
            "r => [...r.querySelectorAll('th')].find(t => t.textContent === 'Balance').getBoundingClientRect().right - r.getBoundingClientRect().right");
        Assert.True(past <= 0, $"the Balance column ends {past} px past the edge of its region at 360 px");
        await page.SetViewportSizeAsync(size.Width, size.Height);

        // A bankroll made by mistake goes; one that holds a transfer stays (its record would be lost). Each
        // answer is lost on the way back once, and the player taps again: one bankroll made, then gone.
        await page.GetByLabel("Name").FillAsync("Typo roll");
        await LostAnswers.TapAgainAsync(page, "**/api/bankrolls", "POST", "Create");
        await Assertions.Expect(page.GetByTestId("balance")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("empty-bankroll")).ToHaveTextAsync("Nothing in Typo roll yet: record a deposit below."); // not an empty chart
        await page.GetByRole(AriaRole.Button, new() { Name = "Typo roll" }).ClickAsync();
        await LostAnswers.TapAgainAsync(page, "**/api/bankrolls/*", "DELETE", "Delete this bankroll");
        await Assertions.Expect(page.GetByText("Typo roll deleted.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("balance")).ToHaveTextAsync(["$1,880.00", "$500.00"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Savings USD" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete this bankroll" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("1 ledger entry");
        await Assertions.Expect(page.GetByTestId("balance")).ToHaveCountAsync(2);

        // The dashboard's risk of ruin is now that of what the bankrolls hold: $2,380.
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Assertions.Expect(page.GetByText("From what your bankrolls in USD hold now")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Screens.CheckAsync(page, system, "dashboard-goals");
    }
}
