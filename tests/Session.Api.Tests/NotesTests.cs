using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>Notes after the session: added, edited and deleted on an ended session, found by search, carried by the CSV both ways.</summary>
[Collection(Engines.Collection)]
public sealed class NotesTests(EnginesFixture engines) : PipelineTest(engines)
{
    [Fact]
    public async Task Notes_of_an_ended_session_are_edited_deleted_searched_and_exported()
    {
        using var player = Api.NewPlayer();
        var id = (await player.StartCashAsync(new
        {
            kind = "cash", game = "NLHE", format = "live", venue = "Bellagio", currency = "USD",
            stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000, timeZone = "America/Los_Angeles",
        }))["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{id}/notes", new { text = "Seat 3 overbets rivers as a bluff" });
        await player.PostOkAsync($"/api/sessions/{id}/notes", new { text = "Table is soft" });
        await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut = 31_000 });

        // After the end: a new note, dated at the end; one edited, one deleted.
        var after = await player.PostOkAsync($"/api/sessions/{id}/notes", new { text = "Café regulars: tight" });
        var notes = after["notes"]!.AsArray();
        Assert.Equal(3, notes.Count);
        Assert.Equal(after["endedAt"]!.GetValue<string>(), notes[2]!["at"]!.GetValue<string>());
        var (first, second) = (notes[0]!["sequence"]!.GetValue<long>(), notes[1]!["sequence"]!.GetValue<long>());
        using (var edit = await player.SendAsync(HttpMethod.Put, $"/api/sessions/{id}/notes/{first}", new { text = "Seat 3 overbets rivers as a bluff, twice" }))
        {
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        }

        using (var delete = await player.SendAsync(HttpMethod.Delete, $"/api/sessions/{id}/notes/{second}"))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        using (var gone = await player.SendAsync(HttpMethod.Delete, $"/api/sessions/{id}/notes/{second}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        using (var empty = await player.SendAsync(HttpMethod.Put, $"/api/sessions/{id}/notes/{first}", new { text = "  " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        }

        var session = await player.GetAsync($"/api/sessions/{id}");
        Assert.Equal(["Seat 3 overbets rivers as a bluff, twice", "Café regulars: tight"], session["notes"]!.AsArray().Select(n => n!["text"]!.GetValue<string>()));
        Assert.NotNull(session["notes"]![0]!["editedAt"]);
        Assert.Equal(31_000 - 20_000, session["totals"]!["netResult"]!.GetValue<long>()); // notes change no money

        // Search: as the notes are now, any case; a deleted note is not found.
        await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 1, Join);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonArray hits;
        while ((hits = (await player.GetNodeAsync("/api/notes?q=TWICE")).AsArray()).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the edited note was never found");
            await Task.Delay(200);
        }

        Assert.Equal(id, Assert.Single(hits)!["sessionId"]!.GetValue<string>());
        Assert.Equal("America/Los_Angeles", hits[0]!["timeZone"]!.GetValue<string>()); // the session's date is shown on its table's clock
        Assert.Single((await player.GetNodeAsync("/api/notes?q=café")).AsArray());
        Assert.Empty((await player.GetNodeAsync("/api/notes?q=soft")).AsArray());
        using (var tooShort = await player.Http.GetAsync("/api/notes?q=a"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        }

        using var other = Api.NewPlayer();
        Assert.Empty((await other.GetNodeAsync("/api/notes?q=twice")).AsArray());

        // The CSV carries the notes, one per line, and an import brings them back.
        var csv = await player.Http.GetStringAsync("/api/sessions/export.csv");
        Assert.Contains(",notes", csv.Split("\r\n")[0], StringComparison.Ordinal);
        Assert.Contains("\"Seat 3 overbets rivers as a bluff, twice\nCafé regulars: tight\"", csv, StringComparison.Ordinal);
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var imported = await other.Http.PostAsync("/api/sessions/import", content);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var copy = (await other.GetAsync("/api/sessions?limit=5"))["items"]![0]!["id"]!.GetValue<string>();
        Assert.Equal(["Seat 3 overbets rivers as a bluff, twice", "Café regulars: tight"],
            (await other.GetAsync($"/api/sessions/{copy}"))["notes"]!.AsArray().Select(n => n!["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_edit_begun_before_another_device_changed_the_note_is_refused_not_saved_over_it()
    {
        using var player = Api.NewPlayer();
        var id = (await player.StartCashAsync(new
        {
            kind = "cash", game = "NLHE", format = "live", venue = "Aria", currency = "USD", stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000,
        }))["id"]!.GetValue<string>();
        var note = (await player.PostOkAsync($"/api/sessions/{id}/notes", new { text = "Seat 3 bluffs" }))["notes"]![0]!["sequence"]!.GetValue<long>();

        // Both devices opened the note as "Seat 3 bluffs"; the phone saves first.
        using (var phone = await player.SendAsync(HttpMethod.Put, $"/api/sessions/{id}/notes/{note}", new { text = "Seat 3 bluffs rivers", was = "Seat 3 bluffs" }))
        {
            Assert.Equal(HttpStatusCode.OK, phone.StatusCode);
        }

        using (var desktop = await player.SendAsync(HttpMethod.Put, $"/api/sessions/{id}/notes/{note}", new { text = "Seat 3 never bluffs", was = "Seat 3 bluffs" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, desktop.StatusCode);
            var problem = await desktop.Content.ReadAsStringAsync();
            Assert.Contains("changed elsewhere", problem, StringComparison.Ordinal);
            Assert.Contains("\"code\":\"NOTE_CHANGED\"", problem, StringComparison.Ordinal);
        }

        var graphql = await player.GraphQLAsync($$"""
            mutation { editNote(sessionId: "{{id}}", sequence: {{note}}, text: "Seat 3 never bluffs", was: "Seat 3 bluffs") { notes { text } } }
            """);
        Assert.Equal("NOTE_CHANGED", graphql["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("Seat 3 bluffs rivers", (await player.GetAsync($"/api/sessions/{id}"))["notes"]![0]!["text"]!.GetValue<string>());

        // Read again, the edit goes through; without "was" an edit is saved as before.
        using (var again = await player.SendAsync(HttpMethod.Put, $"/api/sessions/{id}/notes/{note}", new { text = "Seat 3 never bluffs", was = "Seat 3 bluffs rivers" }))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        Assert.Equal("Seat 3 never bluffs", (await player.GetAsync($"/api/sessions/{id}"))["notes"]![0]!["text"]!.GetValue<string>());
    }
}
