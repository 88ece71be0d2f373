using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace PokerTracker.Web.Tests;

/// <summary>The trainer as a player uses it on a phone: drills answered by tap and keyboard, the charts, the leaderboard.</summary>
[Collection(SystemCollection.Name)]
public sealed class TrainerTests(SystemFixture system)
{
    [Fact]
    public async Task A_drill_is_answered_by_tap_and_keyboard_graded_with_feedback_and_the_answer_never_reaches_the_page_early()
    {
        await using var context = await system.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        var bodies = new ConcurrentQueue<string>();
        page.Response += async (_, response) =>
        {
            if (response.Url.Contains("/api/training/sessions", StringComparison.Ordinal) && response.Ok)
            {
                bodies.Enqueue(await response.TextAsync());
            }
        };
        await page.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(page, $"train-{Guid.NewGuid():N}@pokertracker.test");

        await page.GetByRole(AriaRole.Link, new() { Name = "Train" }).ClickAsync();
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Drill" }).SelectOptionAsync("stack-range");
        await page.GetByLabel("From (bb)").FillAsync("8");
        await page.GetByLabel("To (bb)").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start drill" }).ClickAsync();
        var spot = page.GetByTestId("spot");
        await Assertions.Expect(spot).ToBeVisibleAsync();
        await Assertions.Expect(spot.GetByRole(AriaRole.Img)).ToHaveCountAsync(2);
        await Screens.CheckAsync(page, system, "trainer");

        // Tap the aggressive answer (Shove or Call, whichever the seat asks), then answer by keyboard.
        await spot.GetByRole(AriaRole.Button, new() { NameRegex = new("^(Shove|Call)") }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("decisions")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("feedback")).ToContainTextAsync("EV lost");
        for (var n = 2; n <= 4; n++)
        {
            await page.WaitForTimeoutAsync(400); // the player looks at the hand: a key pressed as it appears is not its answer
            await page.Keyboard.PressAsync("f");
            await Assertions.Expect(page.GetByTestId("decisions")).ToHaveTextAsync(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Assertions.Expect(page.GetByTestId("feedback")).ToContainTextAsync("you chose fold");
        // "My training" follows the drill a few seconds after the answers pause, without a reload.
        await Assertions.Expect(page.GetByTestId("total-decisions")).ToHaveTextAsync("4", new() { Timeout = 30_000 });
        await Screens.CheckAsync(page, system, "trainer-feedback");

        // Every spot the page received before answering it came without its grade.
        Assert.NotEmpty(bodies);
        foreach (var body in bodies)
        {
            using var json = JsonDocument.Parse(body);
            foreach (var unanswered in Unanswered(json.RootElement))
            {
                Assert.False(unanswered.TryGetProperty("decision", out var d) && d.ValueKind != JsonValueKind.Null, body);
                Assert.DoesNotContain("\"best\"", unanswered.GetRawText(), StringComparison.Ordinal);
            }
        }

        // A reload finds the drill where it was; ending it lists it in the history.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("decisions")).ToHaveTextAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "End drill" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("Stack range 8–12 bb · 4 decisions");
        // The day's decisions, once graded, on the player's calendar.
        await Assertions.Expect(page.GetByTestId("training-days").Locator("tbody tr")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        // Opting in to the leaderboards with a display name.
        await page.GetByLabel("Display name (never your e-mail)").FillAsync("Phone Grinder");
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the leaderboards" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Phone Grinder");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Leave the leaderboards" })).ToBeVisibleAsync();
        await Screens.CheckAsync(page, system, "trainer-summary");

        // A name refused is said beside the field, where the player is looking, not at the page's top.
        await page.GetByLabel("Display name (never your e-mail)").FillAsync("Admin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-error")).ToBeInViewportAsync();
        await Assertions.Expect(page.GetByTestId("profile-notice")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_chart_shows_the_equilibrium_of_the_chosen_stack_with_each_hands_numbers_on_tap()
    {
        await using var context = await system.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        var charts = new ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/training/chart", StringComparison.Ordinal))
            {
                charts.Enqueue(request.Url);
            }
        };
        await page.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(page, $"chart-{Guid.NewGuid():N}@pokertracker.test");
        await page.GotoAsync("/train/chart");
        var grid = page.GetByTestId("range-grid");
        await Assertions.Expect(grid.GetByRole(AriaRole.Button)).ToHaveCountAsync(169);
        await Assertions.Expect(page.GetByTestId("chart-summary")).ToContainTextAsync("10 bb");

        // 20bb: the small blind no longer shoves everything; 72o is folded, aces always shoved.
        await page.GetByLabel("Effective stack (bb)").FillAsync("20");
        await page.WaitForTimeoutAsync(500);
        Assert.Single(charts); // typing sends nothing
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("chart-summary")).ToContainTextAsync("20 bb");
        Assert.Equal(2, charts.Count);
        await Assertions.Expect(grid.GetByRole(AriaRole.Button, new() { Name = "72o: shove 0%" })).ToBeVisibleAsync();
        await grid.GetByRole(AriaRole.Button, new() { Name = "AA: shove 100%" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("hand-detail")).ToContainTextAsync("shoves it at every stack (1–50 bb)");
        await Screens.CheckAsync(page, system, "trainer-chart");

        await page.GetByRole(AriaRole.Button, new() { Name = "Big blind: call" }).ClickAsync();
        await Assertions.Expect(grid.GetByRole(AriaRole.Button, new() { Name = "AA: call 100%" })).ToBeVisibleAsync();

        await page.GetByLabel("Effective stack (bb)").FillAsync("80");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("stack");
    }

    /// <summary>The open and next spots anywhere in an answer.</summary>
    private static IEnumerable<JsonElement> Unanswered(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Unanswered),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name is "open" or "next" && p.Value.ValueKind == JsonValueKind.Object ? [p.Value] : Unanswered(p.Value)),
        _ => [],
    };
}
