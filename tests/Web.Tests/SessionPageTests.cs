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
        var email = $"pages-{Guid.NewGuid():N}@pokertracker.test";
        using var http = new HttpClient { BaseAddress = system.WebUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await Seed.RegisterAsync(http, email));
        await Seed.PlayAsync(http, "Aria", 25_000);
        await Seed.PlayAsync(http, "Wynn", 12_000);
        var sessions = (await http.GetFromJsonAsync<JsonElement>("/api/sessions?limit=10")).GetProperty("items").EnumerateArray()
            .ToDictionary(s => s.GetProperty("venue").GetString()!, s => s.GetProperty("id").GetString()!);

        await using var context = await system.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/sessions/{sessions["Aria"]}");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Aria");

        // A link to the other session (as the banner of entries not saved is), followed inside the app.
        await page.EvaluateAsync("id => { const a = document.createElement('a'); a.href = `/sessions/${id}`; a.textContent = 'other'; a.id = 'other'; document.querySelector('main').append(a); }", sessions["Wynn"]);
        await page.Locator("#other").ClickAsync();
        await PlayerJourneyTests.WaitForAddressAsync(page, $"/sessions/{sessions["Wynn"]}$");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Wynn");
        await Assertions.Expect(page.GetByText("−$80.00").First).ToBeVisibleAsync();
    }
}
