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
        await page.WaitForURLAsync("**/live/*");
        var sessionId = page.Url.Split('/').Last();
        await Assertions.Expect(page.GetByTestId("invested")).ToBeVisibleAsync();

        await context.SetOfflineAsync(true);
        foreach (var (amount, button) in new[] { ("150", "Update stack"), ("200", "Rebuy"), ("320", "Update stack") })
        {
            await page.GetByLabel("Amount (USD)").FillAsync(amount);
            await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        }

        await Assertions.Expect(page.GetByTestId("pending")).ToContainTextAsync("3 actions waiting");
        await page.ScreenshotAsync(new() { Path = Path.Combine(system.Screenshots, "live-offline-phone.png"), FullPage = true });

        await context.SetOfflineAsync(false);
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");
        await Assertions.Expect(page.GetByTestId("pending")).ToHaveCountAsync(0, new() { Timeout = 15_000 });

        var login = await context.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { email, password = "correct horse battery" } });
        var token = (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString();
        var session = (await (await context.APIRequest.GetAsync($"/api/sessions/{sessionId}",
            new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" } })).JsonAsync())!.Value;
        Assert.Equal(5, session.GetProperty("version").GetInt64()); // start + buy-in + the three queued actions, once each
        Assert.Equal(2, session.GetProperty("buyIns").GetArrayLength());
        Assert.Equal(32_000, session.GetProperty("totals").GetProperty("currentStack").GetInt64());
    }
}
