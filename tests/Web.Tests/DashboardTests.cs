using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace PokerTracker.Web.Tests;

/// <summary>The dashboard as a player uses it: one request per change of inputs, their time zone, stakes as they read them.</summary>
[Collection(SystemCollection.Name)]
public sealed class DashboardTests(SystemFixture system)
{
    [Fact]
    public async Task The_dashboard_asks_once_per_change_in_the_players_time_zone_and_shows_stakes_as_money()
    {
        var email = $"dash-{Guid.NewGuid():N}@pokertracker.test";
        using var http = new HttpClient { BaseAddress = system.WebUrl };
        var token = await Seed.RegisterAsync(http, email);
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        foreach (var cashOut in new[] { 5_464_285, 12_000 }) // a big night: +$54,442.85, figures of 11 characters and more
        {
            await Seed.PlayAsync(http, "Aria", cashOut);
        }

        for (var i = 0; i < 100 && await Seed.SessionsCountedAsync(http) < 2; i++)
        {
            await Task.Delay(200);
        }

        await using var context = await system.NewContextAsync(phone: true, timeZone: "Asia/Tokyo");
        var (page, statsRequests) = await OpenDashboardAsync(context, email);
        await Assertions.Expect(page.GetByTestId("sessions")).ToHaveTextAsync("2");
        await page.WaitForTimeoutAsync(3_000);
        Assert.Single(statsRequests);
        Assert.Contains("timeZone=Asia%2FTokyo", statsRequests.Single());
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "By stakes" }).GetByRole(AriaRole.Cell, new() { Name = "$1/$2", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("net-result")).ToHaveTextAsync("+$54,362.85");
        await Assertions.Expect(page.GetByTestId("best-worst")).ToHaveTextAsync("+$54,442.85 −$80.00"); // the big night and the other
        await Assertions.Expect(page.GetByTestId("best-worst").GetByRole(AriaRole.Link, new() { Name = "+$54,442.85" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/sessions/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByTestId("hours")).ToHaveTextAsync("6h 00m"); // as the lists write time, not "6"
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "By stakes" }).GetByRole(AriaRole.Cell, new() { Name = "6h 00m", Exact = true })).ToBeVisibleAsync();
        // bb/hour covers both cash games; bb/100 says it has no hands to go on, rather than a bare dash.
        await Assertions.Expect(page.GetByTestId("bb-100-basis")).ToHaveTextAsync("no hands counted");
        await Assertions.Expect(page.GetByTestId("bb-hour-basis")).ToHaveCountAsync(0);

        // Typing sends nothing; Compute sends one request, and the answer shows.
        await page.GetByLabel("Bankroll (USD)").PressSequentiallyAsync("2500");
        await page.WaitForTimeoutAsync(1_500);
        Assert.Single(statsRequests);
        await page.GetByRole(AriaRole.Button, new() { Name = "Compute" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("risk")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(3_000);
        Assert.Equal(2, statsRequests.Count);
        Assert.Contains("bankroll=250000", statsRequests.Last());
        await Screens.CheckAsync(page, system, "dashboard-big-figures"); // every figure inside its card, on a phone and a wide screen
    }

    [Fact]
    public async Task Filters_live_in_the_url_rows_drill_down_to_their_sessions_and_an_ended_session_refreshes_the_view()
    {
        var email = $"explore-{Guid.NewGuid():N}@pokertracker.test";
        using var http = new HttpClient { BaseAddress = system.WebUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await Seed.RegisterAsync(http, email));
        foreach (var (venue, cashOut) in new[] { ("Aria", 35_000), ("Aria", 12_000), ("Wynn", 26_000) })
        {
            await Seed.PlayAsync(http, venue, cashOut);
        }

        for (var i = 0; i < 100 && await Seed.SessionsCountedAsync(http) < 3; i++)
        {
            await Task.Delay(200);
        }

        await using var context = await system.NewContextAsync(phone: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sessions")).ToHaveTextAsync("3");

        // The view's sessions in the order the player asks for, kept when they come back from one of them.
        await page.GetByLabel("Order").SelectOptionAsync("worst");
        var rows = page.GetByTestId("sessions-in-view").Locator("tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync("\u2212$80.00");
        await Assertions.Expect(page.GetByTestId("sessions-in-view").Locator("caption")).ToHaveTextAsync("Biggest losses first");
        await rows.First.GetByRole(AriaRole.Link).ClickAsync();
        await PlayerJourneyTests.WaitForAddressAsync(page, "/sessions/[0-9a-f-]+$");
        await page.GoBackAsync();
        await Assertions.Expect(page.GetByLabel("Order")).ToHaveValueAsync("worst");
        await Assertions.Expect(rows.First).ToContainTextAsync("\u2212$80.00");

        // A venue row drills down: the URL says so, the figures and the session list follow.
        await page.GetByRole(AriaRole.Region, new() { Name = "By venue" }).GetByRole(AriaRole.Link, new() { Name = "Wynn" }).ClickAsync();
        await PlayerJourneyTests.WaitForAddressAsync(page, @"/dashboard\?venue=Wynn$");
        await Assertions.Expect(page.GetByTestId("sessions")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("sessions-in-view").Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("net-result")).ToHaveTextAsync("+$60.00");
        // The filter form still offers every venue: a drill-down narrows the figures, not the choices.
        await Assertions.Expect(page.Locator("#venues option")).ToHaveCountAsync(2);

        // The filter form: last 30 days and Aria; a bookmark of the URL opens the same view.
        await page.GotoAsync("/dashboard");
        await page.GetByText("Filters").First.ClickAsync();
        await page.GetByLabel("Period").SelectOptionAsync("30d");
        await page.GetByLabel("Venue", new() { Exact = true }).FillAsync("Aria");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await PlayerJourneyTests.WaitForAddressAsync(page, @"/dashboard\?period=30d&venue=Aria$");
        await Assertions.Expect(page.GetByTestId("sessions")).ToHaveTextAsync("2");
        await Screens.CheckAsync(page, system, "dashboard-explore");
        var bookmark = page.Url;

        // A filter typed wrong is named, and the view it would have made is not shown with others' figures.
        await page.GetByLabel("Minimum length (minutes)").FillAsync("2h");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Minimum length: a whole number of minutes");
        await PlayerJourneyTests.WaitForAddressAsync(page, @"/dashboard\?period=30d&venue=Aria$");
        await page.GotoAsync("/dashboard?minMinutes=2h");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Minimum length");
        await Assertions.Expect(page.GetByTestId("sessions")).ToHaveCountAsync(0);
        await page.GotoAsync(bookmark);
        await Assertions.Expect(page.GetByTestId("sessions")).ToHaveTextAsync("2");

        var other = await context.NewPageAsync();
        await other.GotoAsync(bookmark);
        await Assertions.Expect(other.GetByTestId("sessions")).ToHaveTextAsync("2");
        await Assertions.Expect(other.GetByTestId("sessions-in-view").Locator("tbody tr")).ToHaveCountAsync(2);
        await other.CloseAsync();

        // A session ends elsewhere (another device): the open dashboard updates by itself.
        await Seed.PlayAsync(http, "Aria", 30_000);
        await Assertions.Expect(page.GetByTestId("sessions")).ToHaveTextAsync("3", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("sessions-in-view").Locator("tbody tr")).ToHaveCountAsync(3);
    }

    /// <summary>Signs <paramref name="email"/> in and opens the dashboard; the statistics requests the page sends are listed as it sends them.</summary>
    public static async Task<(IPage Page, ConcurrentQueue<string> StatsRequests)> OpenDashboardAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        var statsRequests = new ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/stats?", StringComparison.Ordinal))
            {
                statsRequests.Enqueue(request.Url);
            }
        };
        await page.GotoAsync("/");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        return (page, statsRequests);
    }
}
