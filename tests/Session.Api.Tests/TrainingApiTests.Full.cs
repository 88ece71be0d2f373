using System.Text.Json.Nodes;
using System.Net;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

public sealed partial class TrainingApiTests
{
    [Fact]
    public async Task A_drill_ends_with_the_decision_that_fills_it_and_takes_no_more()
    {
        // Each decision rewrites the drill: its size is bounded, and the player goes on in a new one.
        using var api = engines.CreateApi(("Training:DecisionsPerTraining", "3"));
        using var player = api.NewPlayer();
        var (id, spot) = await FoldAsync(player, 2);

        var last = await player.PostOkAsync($"/api/training/sessions/{id}/decisions", new { spot, choice = "fold" });
        Assert.Null(last["next"]);
        Assert.Equal(3, last["training"]!["decisions"]!.GetValue<int>());
        Assert.NotNull(last["training"]!["endedAt"]);
        Assert.Null(last["training"]!["open"]);

        using var more = await player.SendAsync(HttpMethod.Post, $"/api/training/sessions/{id}/decisions", new { spot = spot + 1, choice = "fold" });
        Assert.Equal(HttpStatusCode.Conflict, more.StatusCode);
        var next = await player.PostOkAsync("/api/training/sessions", new { drill = "random" });
        Assert.NotNull(next["open"]);
    }

    [Fact]
    public async Task A_drill_started_again_with_its_Idempotency_Key_is_the_same_drill()
    {
        // "Start" tapped twice on a slow line: one drill, one of the day's starts.
        using var player = _api.NewPlayer();
        var key = Guid.NewGuid().ToString();
        var tries = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => player.PostNodeAsync("/api/training/sessions", new { drill = "random", ante = 0.125 }, key)));
        Assert.Single(tries.Select(t => t["id"]!.GetValue<string>()).Distinct());
        Assert.Single(JsonNode.Parse(await player.Http.GetStringAsync("/api/training/sessions?limit=20"))!.AsArray());

        using var other = await player.SendAsync(HttpMethod.Post, "/api/training/sessions", new { drill = "leaks" }, idempotencyKey: key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
    }

    [Fact]
    public async Task A_decision_sent_again_with_its_Idempotency_Key_gets_its_grade_once()
    {
        // The answer to a tap was lost on casino Wi-Fi: the app sends the same decision again with the same key.
        using var player = _api.NewPlayer();
        var (id, spot) = await FoldAsync(player, 1);
        var key = Guid.NewGuid().ToString();
        var first = await player.PostOkAsync($"/api/training/sessions/{id}/decisions", new { spot, choice = "fold" }, key);
        var again = await player.PostOkAsync($"/api/training/sessions/{id}/decisions", new { spot, choice = "fold" }, key);

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal(2, (await player.GetAsync($"/api/training/sessions/{id}"))["decisions"]!.GetValue<int>());

        // The same key with another answer, or for the next spot, is not that decision.
        var next = first["next"]!["number"]!.GetValue<int>();
        foreach (var other in new object[] { new { spot, choice = "shove" }, new { spot = next, choice = "fold" } })
        {
            using var reused = await player.SendAsync(HttpMethod.Post, $"/api/training/sessions/{id}/decisions", other, idempotencyKey: key);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        }

        // Without a key, a second answer to an answered spot is still a conflict; GraphQL's clientEventId is the key.
        using var unkeyed = await player.SendAsync(HttpMethod.Post, $"/api/training/sessions/{id}/decisions", new { spot, choice = "fold" });
        Assert.Equal(HttpStatusCode.Conflict, unkeyed.StatusCode);
        var mutation = $"mutation {{ decide(trainingId: \"{id}\", spot: {next}, choice: FOLD, clientEventId: \"tap-{next}\") {{ graded {{ number }} training {{ decisions }} }} }}";
        var graphQL = await player.GraphQLAsync(mutation);
        var retried = await player.GraphQLAsync(mutation);
        Assert.Equal(graphQL["data"]!.ToJsonString(), retried["data"]!.ToJsonString());
        Assert.Equal(3, retried["data"]!["decide"]!["training"]!["decisions"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_start_with_a_bad_ante_and_a_bad_range_names_both()
    {
        // One answer that says everything wrong with the form, not one field per try.
        using var player = _api.NewPlayer();
        using var refused = await player.SendAsync(HttpMethod.Post, "/api/training/sessions", new { drill = "stack-range", minStack = 30, maxStack = 5, ante = 0.33 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(["ante", "minStack"], errors.Select(e => e.Key).Order());
        Assert.Contains("0.25 big blinds", errors["ante"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("smallest first", errors["minStack"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>Starts a random drill and folds its first <paramref name="count"/> spots: the drill, and the spot open after them.</summary>
    private static async Task<(string Id, int Spot)> FoldAsync(PlayerClient player, int count)
    {
        var training = await player.PostOkAsync("/api/training/sessions", new { drill = "random" });
        var id = training["id"]!.GetValue<string>();
        var spot = training["open"]!["number"]!.GetValue<int>();
        for (var i = 0; i < count; i++)
        {
            spot = (await player.PostOkAsync($"/api/training/sessions/{id}/decisions", new { spot, choice = "fold" }))["next"]!["number"]!.GetValue<int>();
        }

        return (id, spot);
    }
}
