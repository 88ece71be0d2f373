using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace PokerTracker.Web.Tests;

/// <summary>Notes after the session, as a player reviews it at home: edited, added, deleted, and found again by search.</summary>
[Collection(SystemCollection.Name)]
public sealed class NotesTests(SystemFixture system)
{
    [Fact]
    public async Task A_player_edits_adds_and_deletes_notes_of_an_ended_session_and_finds_them_by_search()
    {
        await using var context = await system.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await PlayerJourneyTests.SignUpAsync(page, $"notes-{Guid.NewGuid():N}@pokertracker.test");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a session" }).ClickAsync();
        await page.GetByLabel("Venue").FillAsync("Hustler");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await PlayerJourneyTests.WaitForLiveAsync(page);
        // Tonight's own stop-loss, set at the table: $50 on the $200 buy-in, and $60 down raises it.
        await page.GetByText("Limits for this session").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save limits" })).ToBeEnabledAsync();
        await page.GetByLabel("Stop-loss (USD)").FillAsync("$50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save limits" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Saved for this session")).ToBeVisibleAsync();
        await PlayerJourneyTests.Act(page, "140", "Update stack");
        var limit = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Your limit is reached" });
        await Assertions.Expect(limit).ToContainTextAsync("You are down $60.00, past your stop-loss of $50.00", new() { Timeout = 15_000 });
        await limit.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await page.GetByLabel("Hand note").FillAsync("Seat 3 calls down light");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await page.GetByLabel("Hand note").FillAsync("Seat 5 limps AA");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        // Typed on two lines, with a pasted link: one long word.
        await page.GetByLabel("Hand note").FillAsync($"Villain's stats: https://example.test/{new string('x', 150)}\nAsk him about it");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        // A paste longer than a note is refused with its length, not cut without a word.
        await page.GetByLabel("Hand note").FillAsync(new string('y', 2_001));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Note: at most 2,000 characters; this one has 2,001");
        await Assertions.Expect(page.GetByLabel("Hand note")).ToHaveValueAsync(new string('y', 2_001));
        await page.GetByLabel("Spent (USD)").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add expense" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Expense: enter an amount above 0 in USD");
        await page.GetByLabel("Spent (USD)").FillAsync("2000"); // meant 20
        await page.GetByRole(AriaRole.Button, new() { Name = "Add expense" }).ClickAsync();
        // What was logged is listed on the live screen; an expense is taken back right there.
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByLabel("Spent (USD)").FillAsync("5");
        await page.GetByLabel("What for").FillAsync("dealer, big pot");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add expense" }).ClickAsync();
        var logged = page.GetByTestId("logged");
        await Assertions.Expect(logged).ToContainTextAsync("Tips $5.00\u00a0(dealer, big pot)");
        await Assertions.Expect(page.GetByLabel("What for")).ToHaveValueAsync("");
        await Assertions.Expect(logged).ToContainTextAsync("Seat 5 limps AA");
        await page.GetByRole(AriaRole.Button, new() { Name = "Take back expense: Tips $5.00" }).ClickAsync();
        await Assertions.Expect(logged).Not.ToContainTextAsync("$5.00");
        await Assertions.Expect(logged).ToContainTextAsync("Tips $2,000.00");
        // One list, newest first: a note after the expenses heads it.
        await page.GetByLabel("Hand note").FillAsync("Button opens every pot");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(logged.Locator("li").First).ToContainTextAsync("Button opens every pot");
        await Assertions.Expect(logged.Locator("li").Nth(1)).ToContainTextAsync("Tips $2,000.00");
        await Assertions.Expect(page.GetByTestId("pending")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await page.GetByLabel("Amount (USD)").FillAsync("260");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cash out" }).ClickAsync();
        await PlayerJourneyTests.WaitForAddressAsync(page, "/sessions/[^/?#]+$");

        // The tip typed as 2000 is taken back on the session's page, and the net goes up by it.
        await Assertions.Expect(page.GetByTestId("expenses")).ToContainTextAsync("Tips $2,000.00");
        var netBefore = await page.GetByTestId("net").TextContentAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete expense: Tips $2,000.00" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("expenses")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("timeline")).Not.ToContainTextAsync("2,000.00");
        await Assertions.Expect(page.GetByTestId("net")).Not.ToHaveTextAsync(netBefore!);
        // The tip it should have been is added after the end, and the net goes down by it again.
        var netWithout = await page.GetByTestId("net").TextContentAsync();
        var adding = page.GetByRole(AriaRole.Form, new() { Name = "Add an expense" });
        await adding.GetByLabel("Spent (USD)").FillAsync("20");
        await adding.GetByLabel("What for").FillAsync("dealer at cash-out");
        await adding.GetByRole(AriaRole.Button, new() { Name = "Add expense" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("expenses")).ToContainTextAsync("Tips $20.00 (dealer at cash-out)");
        await Assertions.Expect(page.GetByTestId("net")).Not.ToHaveTextAsync(netWithout!);
        // The buy-ins logged were not all that went in: the total is corrected, and the page says so.
        await page.GetByLabel("Total buy-in").FillAsync("512.50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save correction" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("buy-in-corrected")).ToContainTextAsync("a correction made the total $512.50.");

        var notes = page.GetByTestId("notes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit note: Seat 3 calls down light" }).ClickAsync();
        await page.GetByRole(AriaRole.Form, new() { Name = "Edit note" }).GetByLabel("Note").FillAsync("Seat 3 calls down light, value bet him thin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save note" }).ClickAsync();
        await Assertions.Expect(notes).ToContainTextAsync("value bet him thin");
        await Assertions.Expect(notes).ToContainTextAsync("edited");
        await page.GetByLabel("New note").FillAsync("Next time: table 12 is the softest");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete note: Seat 5 limps AA" }).ClickAsync();
        await Assertions.Expect(notes.Locator("li")).ToHaveCountAsync(4);
        await Assertions.Expect(notes).Not.ToContainTextAsync("limps AA");
        Assert.Contains("\nAsk him about it", await notes.Locator("li", new() { HasText = "Villain's stats" }).InnerTextAsync(), StringComparison.Ordinal);
        await Screens.CheckAsync(page, system, "session-notes");

        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        var hits = page.GetByTestId("note-hits").Locator("li");
        async Task SearchAsync(string words, string found)
        {
            // Notes reach the search a moment after they are saved.
            await page.GetByLabel("Search notes").FillAsync(words);
            for (var attempt = 0; attempt < 40; attempt++)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
                await page.GetByTestId("note-hits").WaitForAsync();
                if (await hits.First.TextContentAsync() is { } text && text.Contains(found, StringComparison.Ordinal))
                {
                    return;
                }

                await page.WaitForTimeoutAsync(250);
            }
        }

        await SearchAsync("VALUE BET", "value bet him thin");
        await Assertions.Expect(hits).ToHaveCountAsync(1);
        await Assertions.Expect(hits.First).ToContainTextAsync("Hustler");
        await Screens.CheckAsync(page, system, "history-note-search");
        await page.GetByLabel("Search notes").FillAsync("limps");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("note-hits")).ToContainTextAsync("No note has these words");

        // From a hit to its session and back: the search and its hits are still there.
        await SearchAsync("table 12", "softest");
        await hits.First.GetByRole(AriaRole.Link).ClickAsync();
        await PlayerJourneyTests.WaitForAddressAsync(page, "/sessions/[^/?#]+$");
        await page.GoBackAsync();
        await Assertions.Expect(page.GetByLabel("Search notes")).ToHaveValueAsync("table 12");
        await Assertions.Expect(hits).ToHaveCountAsync(1);
        await Assertions.Expect(hits.First).ToContainTextAsync("softest");

        // Discarded at last: the timeline ends with the discard, and nothing is offered to change any more.
        await hits.First.GetByRole(AriaRole.Link).ClickAsync();
        await PlayerJourneyTests.WaitForAddressAsync(page, "/sessions/[^/?#]+$");
        await page.GetByRole(AriaRole.Button, new() { Name = "Discard session" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("timeline").Locator("li").Last).ToContainTextAsync("Discarded (left every statistic)");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Discard session" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Sessions" }).GetByRole(AriaRole.Cell, new() { Name = "discarded", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_note_changed_or_deleted_on_another_device_while_edited_here_is_not_overwritten_and_nothing_typed_is_lost()
    {
        var (http, email) = await Seed.NewPlayerAsync(system.WebUrl, "note-conflict");
        using var signedIn = http;
        using var started = await http.PostAsJsonAsync("/api/sessions", new
        {
            kind = "cash", game = "NLHE", format = "live", venue = "Aria", currency = "USD", stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000,
        });
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        foreach (var text in new[] { "Seat 3 bluffs", "Seat 5 limps AA" })
        {
            (await http.PostAsJsonAsync($"/api/sessions/{id}/notes", new { text })).Dispose();
        }

        using var ended = await http.PostAsJsonAsync($"/api/sessions/{id}/end", new { cashOut = 25_000 });
        var notes = (await ended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("notes");
        var (first, second) = (notes[0].GetProperty("sequence").GetInt64(), notes[1].GetProperty("sequence").GetInt64());

        await using var context = await system.NewContextAsync(phone: true);
        var (page, _) = await DashboardTests.OpenDashboardAsync(context, email);
        await page.GotoAsync($"/sessions/{id}");
        var list = page.GetByTestId("notes");
        await Assertions.Expect(list).ToContainTextAsync("Seat 5 limps AA");

        // A note added on the phone shows here without a reload.
        (await http.PostAsJsonAsync($"/api/sessions/{id}/notes", new { text = "Table breaks at 2" })).Dispose();
        await Assertions.Expect(list).ToContainTextAsync("Table breaks at 2");

        // Opened here, changed on the phone, then saved here: refused, the note as it is now shown, the text kept in the box.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit note: Seat 3 bluffs" }).ClickAsync();
        (await http.PutAsJsonAsync($"/api/sessions/{id}/notes/{first}", new { text = "Seat 3 bluffs rivers" })).Dispose();
        var editor = page.GetByRole(AriaRole.Form, new() { Name = "Edit note" });
        await editor.GetByLabel("Note").FillAsync("Seat 3 never bluffs");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save note" }).ClickAsync();
        var refused = list.GetByRole(AriaRole.Alert);
        await Assertions.Expect(refused).ToContainTextAsync("changed on another device");
        await Assertions.Expect(refused).ToBeInViewportAsync();
        await Assertions.Expect(editor).ToContainTextAsync("Seat 3 bluffs rivers");
        await Assertions.Expect(editor.GetByLabel("Note")).ToHaveValueAsync("Seat 3 never bluffs");
        // Seen, and saved again: the player's text replaces it.
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save note" }).ClickAsync();
        await Assertions.Expect(editor).ToHaveCountAsync(0);
        await Assertions.Expect(list).ToContainTextAsync("Seat 3 never bluffs");

        // Being edited here, deleted on the phone: what was typed goes to New note.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit note: Seat 5 limps AA" }).ClickAsync();
        await editor.GetByLabel("Note").FillAsync("Seat 5 limps AA and KK");
        (await http.DeleteAsync($"/api/sessions/{id}/notes/{second}")).Dispose();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "deleted on another device" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("New note")).ToHaveValueAsync("Seat 5 limps AA and KK");
        await Assertions.Expect(list.Locator("li")).ToHaveCountAsync(2);
    }
}
