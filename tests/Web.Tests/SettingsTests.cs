using Microsoft.Playwright;

namespace PokerTracker.Web.Tests;

/// <summary>The player's own limits on the Settings screen, on a slow connection.</summary>
[Collection(SystemCollection.Name)]
public sealed class SettingsTests(SystemFixture system)
{
    [Fact]
    public async Task Limits_can_be_changed_once_read_and_are_saved_in_the_currency_shown()
    {
        await using var context = await system.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        var email = $"settings-{Guid.NewGuid():N}@pokertracker.test";
        await page.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(page, email);

        // The limits are read slowly (casino Wi-Fi): nothing can be typed or saved before they are, or
        // the read would overwrite what was typed and a save would clear them.
        // On the context, not the page: once the app's service worker controls the page, it makes the
        // data requests, and only the context's routes see those.
        var release = new TaskCompletionSource();
        await context.RouteAsync("**/api/me/guards", async route =>
        {
            if (route.Request.Method == "GET")
            {
                await release.Task;
            }

            await route.ContinueAsync();
        });
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Stop-loss (USD)")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1_000); // still reading
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true })).ToBeDisabledAsync(new() { Timeout = 1 });
        await Assertions.Expect(page.GetByLabel("Stop-loss (USD)")).ToBeDisabledAsync(new() { Timeout = 1 });
        release.SetResult();
        await Assertions.Expect(page.GetByLabel("Stop-loss (USD)")).ToBeEnabledAsync();

        // A time zone the statistics cannot read is said, not saved to empty the dashboard later.
        await page.GetByLabel("Time zone").FillAsync("PST");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Time zone: a name such as America/Los_Angeles");
        await page.GetByLabel("Time zone").FillAsync("America/Los_Angeles");

        await page.GetByLabel("Stop-loss (USD)").FillAsync("200");
        await page.GetByLabel("Currency of the amounts").FillAsync("eur");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." })).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("Stop-loss (EUR)")).ToHaveValueAsync("200");
        var guards = await PlayerJourneyTests.GetAsPlayerAsync(context, email, "/api/me/guards");
        Assert.Equal(20_000, guards.GetProperty("stopLoss").GetInt64());
        Assert.Equal("EUR", guards.GetProperty("currency").GetString());

        // A limit typed wrong is said and nothing is saved (it used to be saved as "no stop-loss"); a decimal comma is a decimal.
        await page.GetByLabel("Stop-loss (EUR)").FillAsync("abc");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Stop-loss: enter an amount");
        Assert.Equal(20_000, (await PlayerJourneyTests.GetAsPlayerAsync(context, email, "/api/me/guards")).GetProperty("stopLoss").GetInt64());
        // Each mistake is named as the player made it (a time limit in whole minutes, cents at most).
        await page.GetByLabel("Stop-loss (EUR)").FillAsync("150.5055");
        await page.GetByLabel("Maximum duration (minutes)").FillAsync("90,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Stop-loss: EUR has 2 decimals");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Maximum duration (minutes): enter whole minutes, e.g. 90");
        await page.GetByLabel("Maximum duration (minutes)").FillAsync("");
        await page.GetByLabel("Stop-loss (EUR)").FillAsync("150,50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." })).ToBeVisibleAsync();
        Assert.Equal(15_050, (await PlayerJourneyTests.GetAsPlayerAsync(context, email, "/api/me/guards")).GetProperty("stopLoss").GetInt64());
    }

    [Fact]
    public async Task A_spreadsheet_file_saved_in_the_Windows_encoding_imports_as_typed()
    {
        await using var context = await system.NewContextAsync(phone: false, timeZone: "Europe/Berlin");
        var email = $"csv-{Guid.NewGuid():N}@pokertracker.test";
        var page = await NewPlayerAtSettingsAsync(context, email);

        // Excel's plain "CSV" on Windows: ';' between fields, Windows-1252, CRLF, times as the clock at the table showed them.
        var csv = "kind;game;format;venue;currency;started_at;ended_at;small_blind;big_blind;total_buy_in;cash_out;hands_played\r\n" +
                  "cash;NLHE;live;Casino Baden-Württemberg;EUR;02.10.2026 20:00;03.10.2026 01:30;100;200;20000;34550;165\r\n";
        await page.GetByLabel("Import sessions (CSV or TSV)").SetInputFilesAsync(new FilePayload
        {
            Name = "sessions.csv", MimeType = "text/csv", Buffer = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(csv),
        });
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Imported 1 session(s)" })).ToBeVisibleAsync();
        var sessions = await PlayerJourneyTests.GetAsPlayerAsync(context, email, "/api/sessions?limit=5");
        Assert.Equal("Casino Baden-Württemberg", sessions.GetProperty("items")[0].GetProperty("venue").GetString());
        // Read in the player's zone (Berlin, summer time): 20:00 there is 18:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 10, 2, 18, 0, 0, TimeSpan.Zero), sessions.GetProperty("items")[0].GetProperty("startedAt").GetDateTimeOffset());
        var id = sessions.GetProperty("items")[0].GetProperty("id").GetString();
        await page.GotoAsync($"/sessions/{id}");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("8:00:00 PM");
        await Assertions.Expect(page.GetByTestId("table-clock")).ToHaveCountAsync(0); // the viewer's clock is the table's
        await Assertions.Expect(page.GetByTestId("bb-per-100")).ToHaveTextAsync("+44.09 bb"); // €145.50 = 72.75 big blinds in 165 hands

        // Looked at from Los Angeles, the session keeps its table's clock, and says whose it is.
        await using var away = await system.NewContextAsync(phone: true, timeZone: "America/Los_Angeles");
        var there = await away.NewPageAsync();
        await PlayerJourneyTests.SignInAsync(there, email);
        await there.GotoAsync($"/sessions/{id}");
        await Assertions.Expect(there.GetByTestId("table-clock")).ToHaveTextAsync("Times at the table: Europe/Berlin, GMT+2.");
        await Assertions.Expect(there.GetByTestId("timeline")).ToContainTextAsync("8:00:00 PM");
        await Assertions.Expect(there.GetByTestId("timeline")).ToContainTextAsync("10/3/2026, 1:30:00 AM"); // past midnight there
    }

    [Fact]
    public async Task A_file_whose_dates_could_be_either_way_round_is_imported_once_the_player_says_which()
    {
        await using var context = await system.NewContextAsync(phone: true, timeZone: "America/New_York");
        var email = $"csv-dates-{Guid.NewGuid():N}@pokertracker.test";
        var page = await NewPlayerAtSettingsAsync(context, email);

        // Two evenings early in March, from a US spreadsheet: no date says which way round they are.
        var csv = "kind,game,format,venue,currency,started_at,ended_at,small_blind,big_blind,total_buy_in,cash_out\n" +
                  "cash,NLHE,live,Borgata,USD,03/04/2026 7:00 PM,03/04/2026 11:00 PM,100,200,20000,31000\n" +
                  "cash,NLHE,live,Borgata,USD,03/06/2026 8:00 PM,03/06/2026 11:30 PM,100,200,20000,12500\n";
        await page.GetByLabel("Import sessions (CSV or TSV)").SetInputFilesAsync(new FilePayload { Name = "march.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        var question = page.GetByRole(AriaRole.Group, new() { Name = "Which way round the file writes its dates" });
        await Assertions.Expect(question).ToContainTextAsync("Which way round does march.csv write its dates?");
        await question.GetByRole(AriaRole.Button, new() { Name = "Month first (12/31/2026)" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Imported 2 session(s)" })).ToBeVisibleAsync();
        await Assertions.Expect(question).ToHaveCountAsync(0);
        var sessions = await PlayerJourneyTests.GetAsPlayerAsync(context, email, "/api/sessions?limit=5");
        // 4 March, 7 PM in New York (winter time) is midnight UTC.
        Assert.Contains(new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero), sessions.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("startedAt").GetDateTimeOffset()));
    }

    [Fact]
    public async Task Deleting_the_account_says_so_on_this_device_and_on_the_other_one()
    {
        await using var laptopContext = await system.NewContextAsync(phone: false);
        await using var phoneContext = await system.NewContextAsync(phone: true);
        var (laptop, phone) = (await laptopContext.NewPageAsync(), await phoneContext.NewPageAsync());
        laptop.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        var email = $"gone-{Guid.NewGuid():N}@pokertracker.test";
        await laptop.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(laptop, email);
        // The phone's Play screen reads its running sessions, and again as its feed connects: once both are
        // done, it asks nothing more until it is used (a read after the deletion would tell it at once).
        var (reads, settled) = (0, new TaskCompletionSource());
        phone.Response += (_, r) =>
        {
            if (r.Url.Contains("/api/sessions?status=active", StringComparison.Ordinal) && Interlocked.Increment(ref reads) == 2) settled.TrySetResult();
        };
        await PlayerJourneyTests.SignInAsync(phone, email);
        await settled.Task.WaitAsync(TimeSpan.FromSeconds(15));

        await laptop.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await laptop.GetByLabel("Password, to delete the account").FillAsync(PlayerJourneyTests.Password);
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Assertions.Expect(laptop.GetByTestId("signin-notice")).ToHaveTextAsync("Your account is deleted, with every session, note, alert and hand in it.");

        // The phone, used next, is told the account is gone, not that its sign-in merely ended.
        await phone.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("signin-notice")).ToHaveTextAsync("This account was deleted on another device, with everything in it.");

        // Both say it again after a reload.
        await laptop.ReloadAsync();
        await Assertions.Expect(laptop.GetByTestId("signin-notice")).ToContainTextAsync("Your account is deleted");
        await phone.ReloadAsync();
        await Assertions.Expect(phone.GetByTestId("signin-notice")).ToContainTextAsync("This account was deleted on another device");
    }

    /// <summary>A new player, signed up on a page of <paramref name="context"/>, on the Settings screen.</summary>
    private static async Task<IPage> NewPlayerAtSettingsAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(page, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        return page;
    }
}
