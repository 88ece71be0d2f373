using System.Net;
using System.Text.Json.Nodes;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>A player only ever sees their own sessions: another's is "not found", on every surface.</summary>
[Collection(Engines.Collection)]
public sealed class OwnershipTests(EnginesFixture engines)
{
    private readonly ApiFactory _api = engines.SharedApi;

    [Fact]
    public async Task Player_B_cannot_see_or_change_player_As_session_through_REST()
    {
        using var a = _api.NewPlayer();
        using var b = _api.NewPlayer();
        var id = (await a.StartCashAsync())["id"]!.GetValue<string>();
        var before = RecordedSession.Of(await a.GetAsync($"/api/sessions/{id}"));

        (string Method, string Path, object? Body)[] routes =
        [
            ("GET", $"/api/sessions/{id}", null),
            ("GET", $"/api/sessions/{id}/stack", null),
            ("GET", $"/api/sessions/{id}/events", null),
            ("POST", $"/api/sessions/{id}/buy-ins", new { kind = "rebuy", amount = 100 }),
            ("POST", $"/api/sessions/{id}/stack", new { amount = 100 }),
            ("POST", $"/api/sessions/{id}/notes", new { text = "mine now" }),
            ("POST", $"/api/sessions/{id}/expenses", new { kind = "tips", amount = 100 }),
            ("POST", $"/api/sessions/{id}/breaks/start", null),
            ("POST", $"/api/sessions/{id}/breaks/end", null),
            ("POST", $"/api/sessions/{id}/end", new { cashOut = 1 }),
            ("PATCH", $"/api/sessions/{id}", new { venue = "Elsewhere" }),
            ("DELETE", $"/api/sessions/{id}", null),
        ];
        foreach (var (method, path, body) in routes)
        {
            using var response = await b.SendAsync(new HttpMethod(method), path, body);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} → {(int)response.StatusCode}");
            Assert.DoesNotContain("Bellagio", await response.Content.ReadAsStringAsync());
        }

        var list = await b.GetAsync("/api/sessions");
        Assert.Empty(list["items"]!.AsArray());
        Assert.Equal(before, RecordedSession.Of(await a.GetAsync($"/api/sessions/{id}")));
    }

    [Fact]
    public async Task Player_B_cannot_see_or_change_player_As_session_through_GraphQL()
    {
        using var a = _api.NewPlayer();
        using var b = _api.NewPlayer();
        var id = (await a.StartCashAsync())["id"]!.GetValue<string>();
        var before = RecordedSession.Of(await a.GetAsync($"/api/sessions/{id}"));

        var read = await b.GraphQLAsync($"{{ session(id: \"{id}\") {{ id venue }} sessions {{ edges {{ node {{ id }} }} }} }}");
        Assert.Null(read["errors"]);
        Assert.Null(read["data"]!["session"]);
        Assert.Empty(read["data"]!["sessions"]!["edges"]!.AsArray());

        string[] mutations =
        [
            $"addBuyIn(sessionId: \"{id}\", input: {{ kind: \"rebuy\", amount: 100 }})",
            $"updateStack(sessionId: \"{id}\", amount: 100)",
            $"addNote(sessionId: \"{id}\", text: \"mine\")",
            $"addExpense(sessionId: \"{id}\", input: {{ kind: \"tips\", amount: 100 }})",
            $"deleteExpense(sessionId: \"{id}\", sequence: 2)",
            $"startBreak(sessionId: \"{id}\")",
            $"endBreak(sessionId: \"{id}\")",
            $"endSession(sessionId: \"{id}\", input: {{ cashOut: 1 }})",
            $"correctSession(sessionId: \"{id}\", input: {{ venue: \"X\" }})",
            $"discardSession(sessionId: \"{id}\")",
        ];
        foreach (var mutation in mutations)
        {
            var result = await b.GraphQLAsync($"mutation {{ {mutation} {{ id venue }} }}");
            Assert.Equal("NOT_FOUND", result["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
            Assert.DoesNotContain("Bellagio", result.ToJsonString());
        }

        Assert.Equal(before, RecordedSession.Of(await a.GetAsync($"/api/sessions/{id}")));
    }
}
