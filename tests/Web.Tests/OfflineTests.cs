using Microsoft.Playwright;

namespace PokerTracker.Web.Tests;

/// <summary>The casino Wi-Fi drops mid-session: actions wait, shown as pending, and arrive once each when it is back.</summary>
[Collection(SystemCollection.Name)]
public sealed class OfflineTests(SystemFixture system)
{
    [Fact]
    public async Task Actions_taken_offline_are_queued_and_sent_once_each_on_reconnect()
    {
        await using var context = await system.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        var email = $"offline-{Guid.NewGuid():N}@pokertracker.test";
        await page.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(page, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a session" }).ClickAsync();
        await page.GetByLabel("Venue").FillAsync("Commerce");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await PlayerJourneyTests.WaitForLiveAsync(page);
        var sessionId = page.Url.Split('/').Last();
        await Assertions.Expect(page.GetByTestId("invested")).ToBeVisibleAsync();

        await context.SetOfflineAsync(true);
        foreach (var (amount, button) in new[] { ("150", "Update stack"), ("200", "Rebuy"), ("320", "Update stack") })
        {
            await page.GetByLabel("Amount (USD)").FillAsync(amount);
            await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        }

        await Assertions.Expect(page.GetByTestId("pending")).ToContainTextAsync("3 actions waiting");
        // A break taken and ended offline: each tap shows at once, so the next one is not the same again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Take a break" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "End break" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Take a break" })).ToBeVisibleAsync();
        // A tip given offline is listed at once, as waiting.
        await page.GetByLabel("Spent (USD)").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add expense" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pending")).ToContainTextAsync("6 actions waiting");
        var logged = page.GetByTestId("logged");
        await Assertions.Expect(logged).ToContainTextAsync("Tips $5.00 · waiting to be sent");
        // And a note: listed at once too, not only counted.
        await page.GetByLabel("Hand note").FillAsync("Seat 4 limps every button");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pending")).ToContainTextAsync("7 actions waiting");
        await Assertions.Expect(logged).ToContainTextAsync("Seat 4 limps every button · waiting to be sent");
        await page.ScreenshotAsync(new() { Path = Path.Combine(system.Screenshots, "live-offline-phone.png"), FullPage = true });

        await context.SetOfflineAsync(false);
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");
        await Assertions.Expect(page.GetByTestId("pending")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Assertions.Expect(logged).Not.ToContainTextAsync("waiting");
        await Assertions.Expect(logged.GetByRole(AriaRole.Button, new() { Name = "Take back expense: Tips $5.00" })).ToBeVisibleAsync();

        var login = await context.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { email, password = "correct horse battery" } });
        var token = (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString();
        var session = (await (await context.APIRequest.GetAsync($"/api/sessions/{sessionId}",
            new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" } })).JsonAsync())!.Value;
        Assert.Equal(9, session.GetProperty("version").GetInt64()); // start + buy-in + the seven queued actions, once each
        Assert.Equal("Seat 4 limps every button", session.GetProperty("notes")[0].GetProperty("text").GetString());
        Assert.Equal(500, session.GetProperty("totals").GetProperty("expenses").GetInt64());
        Assert.Equal(2, session.GetProperty("buyIns").GetArrayLength());
        Assert.Equal(32_000, session.GetProperty("totals").GetProperty("currentStack").GetInt64());
    }

    [Fact]
    public async Task With_no_network_a_reload_opens_the_app_with_the_last_known_data_and_queued_actions_still_pending()
    {
        await using var context = await system.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        var email = $"reload-{Guid.NewGuid():N}@pokertracker.test";
        await page.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(page, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a session" }).ClickAsync();
        await page.GetByLabel("Venue").FillAsync("Golden Nugget");
        await page.GetByLabel("Buy-in").FillAsync("300");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await PlayerJourneyTests.WaitForLiveAsync(page);
        var live = page.Url;
        await Assertions.Expect(page.GetByTestId("stack")).ToHaveTextAsync("$300.00"); // the buy-in is the starting stack
        await Assertions.Expect(page.Locator(".chart")).ToHaveAttributeAsync("data-points", "1");
        await PlayerJourneyTests.Act(page, "420", "Update stack");

        // The app is installable: a manifest with icons, and a service worker that takes control.
        var manifest = await context.APIRequest.GetAsync("/manifest.webmanifest");
        Assert.True(manifest.Ok);
        Assert.Contains("standalone", await manifest.TextAsync());
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null, new() { Timeout = 15_000 });

        // The screens the player looked at while online are the ones kept.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("stack")).ToHaveTextAsync("$420.00");
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Golden Nugget" })).ToBeVisibleAsync();
        await page.GotoAsync(live);
        await Assertions.Expect(page.Locator(".chart")).ToHaveAttributeAsync("data-points", "2");

        await context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("offline")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Golden Nugget" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("stack")).ToHaveTextAsync("$420.00");
        await Assertions.Expect(page.Locator(".chart")).ToHaveAttributeAsync("data-points", "2");
        // Served from this device's copy, not the network: the copy says when it was saved.
        var saved = await page.EvaluateAsync<string?>($"async () => (await fetch('/api/sessions/{live.Split('/').Last()}')).headers.get('x-pt-saved-at')");
        Assert.False(string.IsNullOrEmpty(saved));

        await page.GetByLabel("Amount (USD)").FillAsync("510");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update stack", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pending")).ToContainTextAsync("1 action waiting");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("pending")).ToContainTextAsync("1 action waiting");
        await page.ScreenshotAsync(new() { Path = Path.Combine(system.Screenshots, "live-offline-reload-phone.png"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Golden Nugget" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(system.Screenshots, "history-offline-phone.png"), FullPage = true });

        await page.GotoAsync(live);
        await context.SetOfflineAsync(false);
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");
        await Assertions.Expect(page.GetByTestId("pending")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("offline")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("stack")).ToHaveTextAsync("$510.00");

        var login = await context.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { email, password = "correct horse battery" } });
        var token = (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString();
        var session = (await (await context.APIRequest.GetAsync($"/api/sessions/{live.Split('/').Last()}",
            new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" } })).JsonAsync())!.Value;
        Assert.Equal(4, session.GetProperty("version").GetInt64()); // start, buy-in, the update online, the queued one once
    }
    /// <summary>The server was away while the phone kept its network (no "online" event comes): the app finds it back by itself.</summary>
    [Fact]
    public async Task When_only_the_server_was_away_the_offline_notice_goes_once_it_answers_again()
    {
        // Without the app's service worker, so that the server's absence can be played by refusing /api requests.
        await using var context = await system.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = system.WebUrl.ToString(), ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
            Locale = "en-US", ServiceWorkers = ServiceWorkerPolicy.Block,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(page, $"away-{Guid.NewGuid():N}@pokertracker.test");

        await page.RouteAsync("**/api/**", route => route.AbortAsync("connectionrefused"));
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("offline")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await page.UnrouteAllAsync();
        await Assertions.Expect(page.GetByTestId("offline")).ToHaveCountAsync(0, new() { Timeout = 25_000 });
    }

    /// <summary>The phone queued entries offline while the laptop cashed out: they cannot be saved, and the phone says so and keeps them.</summary>
    [Fact]
    public async Task Entries_refused_after_another_device_ended_the_session_are_listed_with_their_reason_until_dismissed()
    {
        await using var context = await system.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        var email = $"refused-{Guid.NewGuid():N}@pokertracker.test";
        var sessionId = await SignUpAndStartAsync(page, email, "Bicycle Club");

        await context.SetOfflineAsync(true);
        await page.GetByLabel("Amount (USD)").FillAsync("260");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update stack", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pending")).ToContainTextAsync("Stack update $260.00");

        // Meanwhile the laptop cashes the session out; the phone, still offline, notes a hand after that.
        await using var laptop = await system.NewContextAsync(phone: false);
        var login = await laptop.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { email, password = PlayerJourneyTests.Password } });
        var token = (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString();
        var ended = await laptop.APIRequest.PostAsync($"/api/sessions/{sessionId}/end", new()
        {
            Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" }, DataObject = new { cashOut = 31_000 },
        });
        Assert.True(ended.Ok, await ended.TextAsync());
        await page.GetByLabel("Hand note").FillAsync("AK lost to a rivered flush");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pending")).ToContainTextAsync("2 actions waiting");

        await context.SetOfflineAsync(false);
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");
        var refused = page.GetByTestId("refused");
        await Assertions.Expect(refused).ToContainTextAsync("Stack update $260.00", new() { Timeout = 15_000 });
        await Assertions.Expect(refused).ToContainTextAsync("ended");
        await Assertions.Expect(refused).ToContainTextAsync("AK lost to a rivered flush"); // dated after the end
        await page.ScreenshotAsync(new() { Path = Path.Combine(system.Screenshots, "live-refused-phone.png"), FullPage = true });

        // Kept across a reload, pointed to from the Play screen, listed on the session's page until the
        // player dismisses it; the note can still join the session.
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("refused-elsewhere")).ToContainTextAsync("2 entries of a session could not be saved");
        await page.GetByTestId("refused-elsewhere").GetByRole(AriaRole.Link).ClickAsync();
        await PlayerJourneyTests.WaitForAddressAsync(page, $"/sessions/{sessionId}$");
        await Assertions.Expect(page.GetByTestId("refused")).ToContainTextAsync("Stack update $260.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the note to the session" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("notes")).ToContainTextAsync("AK lost to a rivered flush", new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Dismiss: Stack update $260.00" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("refused")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("notes")).ToContainTextAsync("AK lost to a rivered flush");
        await Assertions.Expect(page.GetByTestId("refused")).ToHaveCountAsync(0);

        var session = await PlayerJourneyTests.GetAsPlayerAsync(laptop, email, $"/api/sessions/{sessionId}");
        Assert.Equal(31_000, session.GetProperty("totals").GetProperty("currentStack").GetInt64()); // the refused update changed nothing
        Assert.Equal(1, session.GetProperty("notes").GetArrayLength());
    }

    /// <summary>A cash-out tapped with no connection lands on the session's page, which sends it once the connection is back.</summary>
    [Fact]
    public async Task A_cash_out_made_offline_is_sent_from_the_session_page_without_going_back_to_the_live_screen()
    {
        await using var context = await system.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        var email = $"cashout-{Guid.NewGuid():N}@pokertracker.test";
        var sessionId = await SignUpAndStartAsync(page, email, "Hustler Casino");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null, new() { Timeout = 15_000 });

        await context.SetOfflineAsync(true);
        await page.GetByLabel("Amount (USD)").FillAsync("455");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cash out" }).ClickAsync();
        await PlayerJourneyTests.WaitForAddressAsync(page, $"/sessions/{sessionId}$");
        await Assertions.Expect(page.GetByTestId("pending")).ToContainTextAsync("Cash-out $455.00");
        // What the page shows is this phone's last copy of the session, and it says so.
        await Assertions.Expect(page.GetByTestId("copy-note")).ToContainTextAsync("the copy this device kept at");
        // A note added on this page with no connection waits in the same queue, after the cash-out.
        await page.GetByLabel("New note").FillAsync("Left when the game broke");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pending")).ToContainTextAsync("Note");

        await context.SetOfflineAsync(false);
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");
        await Assertions.Expect(page.GetByTestId("pending")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("net")).ToHaveTextAsync("+$255.00", new() { Timeout = 10_000 });
        await Assertions.Expect(page.GetByTestId("copy-note")).ToHaveCountAsync(0);

        var session = await PlayerJourneyTests.GetAsPlayerAsync(context, email, $"/api/sessions/{sessionId}");
        Assert.Equal("ended", session.GetProperty("status").GetString());
        Assert.Equal(45_500, session.GetProperty("cashOut").GetInt64());
        Assert.Equal("Left when the game broke", session.GetProperty("notes")[0].GetProperty("text").GetString());
        await Assertions.Expect(page.GetByTestId("notes")).ToContainTextAsync("Left when the game broke");
    }

    /// <summary>
    /// The Wi-Fi drops again just as the queue is sent: the page's read is answered by this device's older
    /// copy, without the note just saved. The page asks the server again and shows the note.
    /// </summary>
    [Fact]
    public async Task A_note_sent_from_the_queue_shows_even_when_the_read_after_it_finds_no_network()
    {
        await using var context = await system.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        var email = $"copy-{Guid.NewGuid():N}@pokertracker.test";
        var sessionId = await SignUpAndStartAsync(page, email, "Gardens Casino");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null, new() { Timeout = 15_000 });
        await page.GotoAsync($"/sessions/{sessionId}");
        await Assertions.Expect(page.GetByTestId("net")).ToHaveTextAsync("$0.00"); // a copy is kept on this device

        await context.SetOfflineAsync(true);
        await page.GetByLabel("New note").FillAsync("Table broke, moved to 2/5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pending")).ToContainTextAsync("Note");
        // Every read of the session finds no network until a moment after the note is sent.
        var blocked = 1;
        var failed = 0;
        await context.RouteAsync($"**/api/sessions/{sessionId}", async route =>
        {
            if (Volatile.Read(ref blocked) == 0) await route.FallbackAsync();
            else
            {
                Interlocked.Increment(ref failed);
                await route.AbortAsync("internetdisconnected");
            }
        });

        await context.SetOfflineAsync(false);
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");
        await Assertions.Expect(page.GetByTestId("pending")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Task.Delay(1_500);
        Volatile.Write(ref blocked, 0);
        await Assertions.Expect(page.GetByTestId("notes")).ToContainTextAsync("Table broke, moved to 2/5", new() { Timeout = 10_000 });
        Assert.True(failed >= 1, "no read of the session found the network gone, so the test tried nothing");
    }

    /// <summary>A new player starts a cash session (1/2, $200) at <paramref name="venue"/>; the live screen is open. Returns its id.</summary>
    private static async Task<string> SignUpAndStartAsync(IPage page, string email, string venue)
    {
        await page.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(page, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a session" }).ClickAsync();
        await page.GetByLabel("Venue").FillAsync(venue);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await PlayerJourneyTests.WaitForLiveAsync(page);
        return page.Url.Split('/').Last();
    }
}
