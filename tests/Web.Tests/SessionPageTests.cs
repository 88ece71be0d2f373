using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace PokerTracker.Web.Tests;

/// <summary>A finished session's page, reached from another session's page without a reload.</summary>
[Collection(SystemCollection.Name)]
public sealed class SessionPageTests(SystemFixture system)
{
    [Fact]
    public async Task A_sessions_page_opened_from_another_sessions_page_shows_that_session()
    {
        var (http, sessions) = await PlayAsync("pages", "Aria", "Wynn");
        using var _ = http;
        await using var context = await system.NewContextAsync(phone: true);
        var page = await SignedInAtAsync(context, http, $"/sessions/{sessions["Aria"]}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Aria");

        // A link to the other session (as the banner of entries not saved is), followed inside the app.
        await page.EvaluateAsync("id => { const a = document.createElement('a'); a.href = `/sessions/${id}`; a.textContent = 'other'; a.id = 'other'; document.querySelector('main').append(a); }", sessions["Wynn"]);
        await page.Locator("#other").ClickAsync();
        await PlayerJourneyTests.WaitForAddressAsync(page, $"/sessions/{sessions["Wynn"]}$");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Wynn");
        await Assertions.Expect(page.GetByText("−$80.00").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_correction_and_a_discard_sent_again_after_their_answers_were_lost_are_each_made_once_and_shown_done()
    {
        var (http, sessions) = await PlayAsync("retries", "Aria");
        using var _ = http;
        var id = sessions["Aria"];
        await using var context = await system.NewContextAsync(phone: true);
        var page = await SignedInAtAsync(context, http, $"/sessions/{id}");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await page.GetByLabel("Cash-out").FillAsync("300");
        await LostAnswers.TapAgainAsync(page, "**/api/sessions/*", "PATCH", "Save correction", "The correction was not saved");
        await Assertions.Expect(page.GetByText("Corrected once since it ended.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);

        // The discard's answer is lost too: the page reads the session again once the connection is back, and
        // shows it discarded, without the error it first gave.
        await page.RouteAsync("**/api/sessions/*", async route =>
        {
            if (route.Request.Method != "DELETE")
            {
                await route.ContinueAsync();
                return;
            }

            await route.FetchAsync();
            await route.AbortAsync("connectionreset");
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Discard session", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("discarded", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.UnrouteAsync("**/api/sessions/*");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Discard session" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        var session = await http.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}");
        Assert.Equal((1, "discarded"), (session.GetProperty("corrections").GetInt32(), session.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_long_run_of_stack_updates_is_folded_between_its_first_and_last_and_opens_to_show_each()
    {
        var http = new HttpClient { BaseAddress = system.WebUrl };
        using var _ = http;
        http.DefaultRequestHeaders.Authorization = new("Bearer", await Seed.RegisterAsync(http, $"fold-{Guid.NewGuid():N}@pokertracker.test"));
        using var started = await http.PostAsJsonAsync("/api/sessions", new
        {
            kind = "cash", game = "NLHE", format = "live", venue = "Aria", currency = "USD", stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 30_000,
        });
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        // A player logging every hand: twelve updates, then a rebuy.
        foreach (var amount in new[] { 31_000, 29_500, 44_000, 12_250, 30_000, 28_000, 27_000, 35_000, 33_000, 30_500, 26_000, 9_000 })
        {
            (await http.PostAsJsonAsync($"/api/sessions/{id}/stack", new { amount })).EnsureSuccessStatusCode();
        }

        (await http.PostAsJsonAsync($"/api/sessions/{id}/buy-ins", new { kind = "rebuy", amount = 20_000 })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"/api/sessions/{id}/end", new { cashOut = 41_000 })).EnsureSuccessStatusCode();
        await using var context = await system.NewContextAsync(phone: true);
        var page = await SignedInAtAsync(context, http, $"/sessions/{id}");
        var rows = page.GetByTestId("timeline").Locator(":scope > li");
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Stack $310.00");
        var folded = rows.Nth(2);
        await Assertions.Expect(folded).ToContainTextAsync("10 more stack updates, from $122.50 to $440.00");
        await Assertions.Expect(folded.GetByText("Stack $260.00")).Not.ToBeVisibleAsync();
        await Assertions.Expect(rows.Nth(3)).ToContainTextAsync("Stack $90.00");
        await Assertions.Expect(rows.Nth(4)).ToContainTextAsync("Rebuy $200.00");
        await Assertions.Expect(rows.Nth(5)).ToContainTextAsync("Cashed out $410.00");

        await folded.Locator("summary").ClickAsync();
        await Assertions.Expect(folded.Locator("li")).ToHaveCountAsync(10);
        await Assertions.Expect(folded.GetByText("Stack $260.00")).ToBeVisibleAsync();
    }

    /// <summary>A new player who played at <paramref name="venues"/> (+$50.00, then −$80.00, ...): their client, and each session's id by venue.</summary>
    private async Task<(HttpClient Http, Dictionary<string, string> Sessions)> PlayAsync(string who, params string[] venues)
    {
        var http = new HttpClient { BaseAddress = system.WebUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await Seed.RegisterAsync(http, $"{who}-{Guid.NewGuid():N}@pokertracker.test"));
        var cashOuts = new[] { 25_000, 12_000 };
        for (var i = 0; i < venues.Length; i++)
        {
            await Seed.PlayAsync(http, venues[i], cashOuts[i % cashOuts.Length]);
        }

        var sessions = (await http.GetFromJsonAsync<JsonElement>("/api/sessions?limit=10")).GetProperty("items").EnumerateArray()
            .ToDictionary(s => s.GetProperty("venue").GetString()!, s => s.GetProperty("id").GetString()!);
        return (http, sessions);
    }

    /// <summary>A page of <paramref name="context"/> at <paramref name="path"/>, signed in there as the player of <paramref name="http"/>.</summary>
    private static async Task<IPage> SignedInAtAsync(IBrowserContext context, HttpClient http, string path)
    {
        var me = await http.GetFromJsonAsync<JsonElement>("/api/me");
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.GetByLabel("E-mail").FillAsync(me.GetProperty("email").GetString()!);
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        return page;
    }
}
