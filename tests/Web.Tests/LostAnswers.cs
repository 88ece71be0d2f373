using Microsoft.Playwright;

namespace PokerTracker.Web.Tests;

/// <summary>Casino Wi-Fi: a request reaches the server, its answer is lost on the way back, and the player taps again.</summary>
public static class LostAnswers
{
    /// <param name="url">The requests' address (a glob); those of another method than <paramref name="method"/> go through.</param>
    /// <param name="failure">What the page says when the answer is lost.</param>
    public static async Task TapAgainAsync(IPage page, string url, string method, string button, string failure = "Could not reach PokerTracker")
    {
        await page.RouteAsync(url, async route =>
        {
            if (route.Request.Method != method)
            {
                await route.ContinueAsync();
                return;
            }

            await route.FetchAsync();
            await route.AbortAsync("connectionreset");
        });
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(failure);
        await page.UnrouteAsync(url);
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
    }
}
