using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PokerTracker.Web.Tests;

/// <summary>A player's evening, in a real browser against the whole running system.</summary>
[Collection(SystemCollection.Name)]
public sealed class PlayerJourneyTests(SystemFixture system, ITestOutputHelper output)
{
    internal const string Password = "correct horse battery";

    [Fact]
    public async Task Sign_up_play_chase_losses_get_warned_cash_out_and_see_it_in_history_and_the_dashboard()
    {
        await using var context = await system.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        var email = $"web-{Guid.NewGuid():N}@pokertracker.test";

        await page.GotoAsync("/");
        await Screens.CheckAsync(page, system, "sign-in");
        await SignUpAsync(page, email);

        await page.GetByRole(AriaRole.Link, new() { Name = "Start a session" }).ClickAsync();
        await page.GetByLabel("Venue").FillAsync("Bellagio");
        await page.GetByLabel("Small blind").FillAsync("1");
        await page.GetByLabel("Big blind").FillAsync("2");
        // An amount that is not one is said, not sent as nothing (a session with no buy-in) nor read as something else.
        await page.GetByLabel("Buy-in").FillAsync("-5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Buy-in: enter an amount");
        await page.GetByLabel("Buy-in").FillAsync("200");
        await Screens.CheckAsync(page, system, "start");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await WaitForLiveAsync(page);
        var sessionId = page.Url.Split('/').Last();

        await Act(page, "200", "Rebuy");
        foreach (var stack in new[] { "350", "180", "420" })
        {
            await Act(page, stack, "Update stack");
        }

        await Assertions.Expect(page.Locator(".chart")).ToHaveAttributeAsync("data-points", "5", new() { Timeout = 10_000 }); // the buy-in, the rebuy (its chips join the stack) and three updates
        await Assertions.Expect(page.GetByTestId("invested")).ToHaveTextAsync("$400.00");
        await Screens.CheckAsync(page, system, "live");

        // Loss-chasing: busted, rebuy at once for more, busted again, rebuy bigger.
        await Act(page, "0", "Update stack");
        await Act(page, "400", "Rebuy");
        await Act(page, "0", "Update stack");
        await Act(page, "800", "Rebuy");
        var banner = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Tilt warning" });
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Screens.CheckAsync(page, system, "live-tilt-warning");
        // Down at the keypad the warning stays in sight, one strip of its heading, a line of its reasons and Dismiss, so the amount field and the keys stay usable.
        await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
        await Assertions.Expect(banner.Locator(".alert-advice")).ToBeHiddenAsync();
        var stuck = await banner.BoundingBoxAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(system.Screenshots, "live-tilt-warning-pinned-phone.png") });
        Assert.True(stuck is { Y: < 20, Height: <= 100 }, $"the warning down at the keypad: {stuck?.Y} px from the top, {stuck?.Height} px high");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Assertions.Expect(banner.Locator(".alert-advice")).ToBeVisibleAsync();
        // A reload (the phone drops the page) keeps the warning until it is dismissed; then it stays away.
        await page.ReloadAsync();
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await banner.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await page.RunAndWaitForResponseAsync(() => page.ReloadAsync(), r => r.Url.EndsWith("/alerts", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("invested")).ToHaveTextAsync("$1,600.00");
        await Assertions.Expect(banner).ToHaveCountAsync(0);

        await page.GetByLabel("Amount (USD)").FillAsync("150");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cash out" }).ClickAsync();
        await WaitForAddressAsync(page, $"/sessions/{sessionId}$");
        await Assertions.Expect(page.GetByTestId("net")).ToHaveTextAsync("\u2212$1,450.00"); // 150 − (200 + 200 + 400 + 800)
        await Assertions.Expect(page.GetByTestId("game")).ToContainTextAsync("$1/$2");
        await Screens.CheckAsync(page, system, "session-detail");

        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Bellagio" })).ToBeVisibleAsync();
        await Screens.CheckAsync(page, system, "history");
        // On the narrowest phone the result is in sight without a swipe: the game goes under the venue.
        var viewport = page.ViewportSize!;
        await page.SetViewportSizeAsync(360, 740);
        var list = page.GetByRole(AriaRole.Region, new() { Name = "Sessions" });
        Assert.Equal(0, await list.EvaluateAsync<int>("r => r.scrollWidth - r.clientWidth"));
        await Assertions.Expect(list.Locator(".phone-under").First).ToContainTextAsync("$1/$2");
        await page.SetViewportSizeAsync(viewport.Width, viewport.Height);

        // The dashboard shows what the statistics API says, once the analytics pipeline has it.
        var stats = await StatisticsAsync(context, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        for (var attempt = 0; attempt < 40 && await page.GetByTestId("sessions").TextContentAsync() != "1"; attempt++)
        {
            await page.WaitForTimeoutAsync(250);
            await page.ReloadAsync();
            await page.GetByTestId("sessions").WaitForAsync();
        }

        stats = await StatisticsAsync(context, email);
        Assert.True(stats.TryGetProperty("sessions", out var sessions) && sessions.GetInt32() == 1, stats.ToString());
        await Assertions.Expect(page.GetByTestId("net-result")).ToHaveTextAsync(Money(stats.GetProperty("netResult").GetInt64()));
        // A session of seconds has no hourly rate yet (under a minute played): both say so.
        await Assertions.Expect(page.GetByTestId("hourly")).ToHaveTextAsync(
            stats.TryGetProperty("hourlyRate", out var rate) ? Money((long)Math.Round(rate.GetDecimal())) + "/h" : "—");
        await Screens.CheckAsync(page, system, "dashboard");

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.GetByLabel("Stop-loss (USD)").WaitForAsync();
        await Screens.CheckAsync(page, system, "settings");
        output.WriteLine($"screenshots in {system.Screenshots}");
    }

    /// <summary>
    /// The app is at an address matching <paramref name="pattern"/>. Reads the address only (the app
    /// moves between screens without a page load): a wait for the "load" event (WaitForURL) timed
    /// out twice while the app already showed the screen and had loaded its data and streams.
    /// </summary>
    internal static Task WaitForAddressAsync(IPage page, string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(pattern), new() { Timeout = 30_000 });

    /// <summary>The app is on a session's live screen.</summary>
    internal static Task WaitForLiveAsync(IPage page) => WaitForAddressAsync(page, "/live/[^/?#]+$");

    internal static async Task SignUpAsync(IPage page, string email)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "New here? Create an account" }).ClickAsync();
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Play" })).ToBeVisibleAsync();
    }

    /// <summary>Signs in on another device (the page at "/") and waits for Play.</summary>
    internal static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Play" })).ToBeVisibleAsync();
    }

    internal static async Task Act(IPage page, string amount, string button)
    {
        await page.GetByLabel("Amount (USD)").FillAsync(amount);
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pending")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
    }

    internal static Task<JsonElement> StatisticsAsync(IBrowserContext context, string email) =>
        GetAsPlayerAsync(context, email, "/api/stats?timeZone=Europe%2FLondon");

    /// <summary>What the API answers the player at <paramref name="path"/> (signed in apart from the page).</summary>
    internal static async Task<JsonElement> GetAsPlayerAsync(IBrowserContext context, string email, string path)
    {
        var login = await context.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { email, password = Password } });
        var token = (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString();
        var response = await context.APIRequest.GetAsync(path, new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" } });
        return (await response.JsonAsync())!.Value;
    }

    private static string Money(long minor) =>
        (minor > 0 ? "+" : minor < 0 ? "\u2212" : "") + "$" + (Math.Abs(minor) / 100m).ToString("N2", CultureInfo.GetCultureInfo("en-US"));
}

/// <summary>Each main screen: no serious or critical accessibility violation (axe), and a screenshot at phone and desktop size.</summary>
internal static class Screens
{
    public static async Task CheckAsync(IPage page, SystemFixture system, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 5_000 }).ContinueWith(_ => Task.CompletedTask);
        // Nothing the app does is refused by its own content security policy (a refused style or
        // script is a broken screen the player sees, e.g. the screen-reader announcer shown on screen).
        var refused = (await page.ConsoleMessagesAsync()).Select(m => m.Text).Where(t => t.Contains("Content Security Policy", StringComparison.Ordinal)).ToList();
        Assert.True(refused.Count == 0, $"{name}: " + string.Join("; ", refused.Distinct().Take(3)));
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name}: " + string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html).Take(2))})")));
        await page.ScreenshotAsync(new() { Path = Path.Combine(system.Screenshots, $"{name}-phone.png"), FullPage = true });
        var size = page.ViewportSize;

        // The narrowest phones: nothing may make the whole screen scroll sideways (a wide table scrolls in its own region).
        await page.SetViewportSizeAsync(360, 740);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{name}: the screen scrolls sideways by {overflow} px at 360 px wide");
        await FiguresFitAsync(page, name, 360);
        await page.SetViewportSizeAsync(1280, 900);
        await FiguresFitAsync(page, name, 1280);
        await page.ScreenshotAsync(new() { Path = Path.Combine(system.Screenshots, $"{name}-desktop.png"), FullPage = true });
        await page.SetViewportSizeAsync(size!.Width, size.Height);
    }

    /// <summary>No figure sticks out of its card ("+$54,422.85" on a card of 150 px).</summary>
    private static async Task FiguresFitAsync(IPage page, string name, int width)
    {
        var sticking = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.card .value')].filter(v => v.scrollWidth > v.clientWidth + 1).map(v => v.textContent)");
        Assert.True(sticking.Length == 0, $"{name}: at {width} px these figures stick out of their cards: {string.Join(", ", sticking)}");
    }
}
