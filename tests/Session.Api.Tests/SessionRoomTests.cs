using System.Net;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.TestSupport;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Tests;

/// <summary>
/// A session's document is written whole with each command: its lists are bounded, so no player's
/// session grows into megabytes that every write of it (and the store everybody shares) carries.
/// </summary>
[Collection(Engines.Collection)]
public sealed class SessionRoomTests(EnginesFixture engines) : PipelineTest(engines)
{
    [Fact]
    public async Task A_session_holds_bounded_expenses_buy_ins_and_note_text_says_so_and_can_still_be_closed()
    {
        using var player = Api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        var description = new string('牌', Limits.MaxDescriptionLength); // each one escaped in JSON as six bytes
        for (var i = 0; i < Limits.MaxExpenses; i++)
        {
            await player.PostOkAsync($"/api/sessions/{id}/expenses", new { kind = "tips", amount = 100, description });
        }

        await AssertFullAsync(player, $"/api/sessions/{id}/expenses", new { kind = "tips", amount = 100 }, "at most 200 expenses");
        for (var i = 1; i < Limits.MaxBuyIns; i++) // the initial buy-in is the first
        {
            await player.PostOkAsync($"/api/sessions/{id}/buy-ins", new { kind = "rebuy", amount = 100 });
        }

        await AssertFullAsync(player, $"/api/sessions/{id}/buy-ins", new { kind = "rebuy", amount = 100 }, "at most 200 buy-ins");

        // Fifty full-length notes are all the text a session's notes hold.
        var page = new string('n', Limits.MaxNoteLength);
        for (var i = 0; i < Limits.MaxNoteCharacters / Limits.MaxNoteLength; i++)
        {
            await player.PostOkAsync($"/api/sessions/{id}/notes", new { text = page });
        }

        await AssertFullAsync(player, $"/api/sessions/{id}/notes", new { text = "one more" }, "at most 100,000 characters");
        var first = (await player.GetAsync($"/api/sessions/{id}"))["notes"]![0]!["sequence"]!.GetValue<long>();
        using (var longer = await player.SendAsync(HttpMethod.Put, $"/api/sessions/{id}/notes/{first}", new { text = page + "!" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, longer.StatusCode); // past a note's own length
        }

        // A shorter note makes room; the full session still ends, with everything in it.
        using (var shorter = await player.SendAsync(HttpMethod.Put, $"/api/sessions/{id}/notes/{first}", new { text = "Seat 4 limps big hands" }))
        {
            Assert.Equal(HttpStatusCode.OK, shorter.StatusCode);
        }

        await player.PostOkAsync($"/api/sessions/{id}/notes", new { text = "Table broke at 3 am" });
        var ended = await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut = 10_000 });
        Assert.Equal((Limits.MaxExpenses, Limits.MaxBuyIns, 51), (ended["expenses"]!.AsArray().Count, ended["buyIns"]!.AsArray().Count, ended["notes"]!.AsArray().Count));
    }

    [Fact]
    public async Task The_players_live_feed_keeps_what_a_stream_resumes_from_not_a_history()
    {
        using var player = Api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        for (var i = 0; i < 1_300; i++)
        {
            await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 20_000 + i });
        }

        using var redis = await ConnectionMultiplexer.ConnectAsync(Fixture.Redis.ConnectionString);
        var feed = $"pt:user:{player.UserId}:feed";
        Assert.InRange(await redis.GetDatabase().StreamLengthAsync(feed), 1_000, 1_200); // trimmed near a thousand
        Assert.InRange((await redis.GetDatabase().KeyTimeToLiveAsync(feed))!.Value, TimeSpan.FromDays(1.9), TimeSpan.FromDays(2));
    }

    private static async Task AssertFullAsync(PlayerClient player, string path, object body, string says)
    {
        using var refused = await player.SendAsync(HttpMethod.Post, path, body);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.Conflict, problem);
        Assert.Contains(says, problem, StringComparison.Ordinal);
    }
}
