using Microsoft.Playwright;

namespace PokerTracker.Web.Tests;

/// <summary>Hand histories as a player uses them on a phone: a file chosen and imported, the statistics, the review, a hand replayed.</summary>
[Collection(SystemCollection.Name)]
public sealed class HandsTests(SystemFixture system)
{
    [Fact]
    public async Task Files_are_imported_with_a_report_counted_in_the_statistics_and_a_hand_is_replayed_step_by_step()
    {
        await using var context = await system.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) => { if (request.Url.Contains("/api/", StringComparison.Ordinal)) requests.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {request.Method} {request.Url}"); };
        await page.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(page, $"hands-{Guid.NewGuid():N}@pokertracker.test");

        await page.GetByRole(AriaRole.Link, new() { Name = "Hands" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No hands yet")).ToBeVisibleAsync();
        var files = Path.Combine(AppContext.BaseDirectory, "Hands");
        await page.GetByLabel("Choose files").SetInputFilesAsync([Path.Combine(files, "worked-examples.txt"), Path.Combine(files, "push-fold-spots.txt")]);
        var report = page.GetByTestId("import-report");
        await Assertions.Expect(report).ToContainTextAsync("12 new hands, 0 already imported, 0 refused", new() { Timeout = 30_000 });
        await Assertions.Expect(report).ToContainTextAsync("worked-examples.txt");
        await Assertions.Expect(page.GetByTestId("hand-count")).ToHaveTextAsync("12", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("review-summary")).ToContainTextAsync("of 5 short-stack decisions");
        await Screens.CheckAsync(page, system, "hands");

        // Sending the same file again adds nothing, and says so.
        await page.GetByLabel("Choose files").SetInputFilesAsync(Path.Combine(files, "worked-examples.txt"));
        await Assertions.Expect(report).ToContainTextAsync("0 new hands, 4 already imported");
        // The same file chosen once more is sent once more (PokerStars adds a day's hands to one file).
        await page.RunAndWaitForRequestAsync(
            () => page.GetByLabel("Choose files").SetInputFilesAsync(Path.Combine(files, "worked-examples.txt")),
            r => r.Method == "POST" && r.Url.Contains("/api/hands/import?", StringComparison.Ordinal), new() { Timeout = 10_000 });
        await Assertions.Expect(report).ToContainTextAsync("0 new hands, 4 already imported");

        // Two files of the same name (two folders, two installs) are two lines of the report.
        await page.GetByLabel("Choose files").SetInputFilesAsync([
            new FilePayload { Name = "HH.txt", MimeType = "text/plain", Buffer = File.ReadAllBytes(Path.Combine(files, "worked-examples.txt")) },
            new FilePayload { Name = "HH.txt", MimeType = "text/plain", Buffer = File.ReadAllBytes(Path.Combine(files, "push-fold-spots.txt")) },
        ]);
        await Assertions.Expect(report).ToContainTextAsync("0 new hands, 12 already imported");
        await Assertions.Expect(report.GetByText("HH.txt")).ToHaveCountAsync(2);

        // Quiet while idle: no polling once the import is over.
        await page.WaitForTimeoutAsync(1_000);
        var before = requests.Count;
        await page.WaitForTimeoutAsync(3_000);
        Assert.True(requests.Count == before, "requests while idle: " + string.Join("; ", requests.Skip(before - 2)));

        // The cash hands made three online sessions (one per game and stakes), listed in the history; one leads to its hands.
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        var online = page.GetByTestId("online-sessions");
        await Assertions.Expect(online.Locator("tbody tr")).ToHaveCountAsync(3);
        await online.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("hand-filter")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("hand-list").Locator("tbody tr")).ToHaveCountAsync(1);

        await page.GotoAsync("/hands/PokerStars/250000000002");
        var replayer = page.GetByTestId("replayer");
        await Assertions.Expect(replayer).ToContainTextAsync("Hero (you)");
        await Assertions.Expect(replayer).ToContainTextAsync("Qs Qh"); // the hero's own cards from the deal
        await Assertions.Expect(replayer).Not.ToContainTextAsync("Td Th"); // Alice's only once shown
        await Assertions.Expect(page.GetByTestId("pot")).ToHaveTextAsync("Pot 0");
        for (var i = 0; i < 7; i++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        }

        await Assertions.Expect(page.GetByTestId("last-action")).ToContainTextAsync("Hero raises to 300");
        await Assertions.Expect(page.GetByTestId("pot")).ToHaveTextAsync("Pot 490"); // four antes of 10, the blinds 50 and 100, the open to 300
        // After the last all-in the board comes a street at a time, then the showdown pays the pot out once.
        for (var i = 7; i < 13; i++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("last-action")).ToContainTextAsync("The flop: 2c 7d 9h");
        await page.Keyboard.PressAsync("End");
        await Assertions.Expect(page.GetByTestId("pot")).ToHaveTextAsync("Pot 6,060, paid out");
        await Assertions.Expect(page.GetByTestId("last-action")).ToContainTextAsync("Hero wins 6,060");
        await Assertions.Expect(replayer).ToContainTextAsync("Td Th");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Jack of spades" })).ToBeVisibleAsync();
        await Screens.CheckAsync(page, system, "hand-replayer");

        await page.GotoAsync("/hands/PokerStars/260000000001");
        await Assertions.Expect(page.GetByTestId("hand-review")).ToContainTextAsync("K7o in the small blind at 12 bb");

        // The review's leaks lead to the drill of them.
        await page.GotoAsync("/hands");
        await page.GetByRole(AriaRole.Link, new() { Name = "Drill my leaks" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Drill")).ToHaveValueAsync("leaks");
    }
}
