using System.Net;
using System.Text.Json.Nodes;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>The training API's rules: whose session, which spot, which answers, how many a day, and the charts.</summary>
[Collection(Engines.Collection)]
public sealed class TrainingApiTests(EnginesFixture engines) : IDisposable
{
    private readonly ApiFactory _api = engines.CreateApi(("Training:FreeDecisionsPerDay", "5"));

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Answers_must_fit_the_spot_and_belong_to_the_player()
    {
        using var player = _api.NewPlayer();
        using var other = _api.NewPlayer();
        var training = await player.PostOkAsync("/api/training/sessions", new { });
        var id = training["id"]!.GetValue<string>();
        var open = training["open"]!;
        var spot = open["number"]!.GetValue<int>();
        var wrongAction = open["seat"]!.GetValue<string>() == "small-blind" ? "call" : "shove";

        using (var wrong = await player.SendAsync(HttpMethod.Post, $"/api/training/sessions/{id}/decisions", new { spot, choice = wrongAction }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using (var later = await player.SendAsync(HttpMethod.Post, $"/api/training/sessions/{id}/decisions", new { spot = spot + 1, choice = "fold" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, later.StatusCode);
        }

        using (var theirs = await other.SendAsync(HttpMethod.Post, $"/api/training/sessions/{id}/decisions", new { spot, choice = "fold" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        }

        using (var peek = await other.Http.GetAsync($"/api/training/sessions/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, peek.StatusCode);
        }

        var answered = await player.PostOkAsync($"/api/training/sessions/{id}/decisions", new { spot, choice = "fold" });
        Assert.Equal(spot + 1, answered["next"]!["number"]!.GetValue<int>());
        using var again = await player.SendAsync(HttpMethod.Post, $"/api/training/sessions/{id}/decisions", new { spot, choice = "fold" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode); // one answer per spot

        using var bad = await player.SendAsync(HttpMethod.Post, "/api/training/sessions", new { drill = "stack-range", minStack = 30, maxStack = 10 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var badAnte = await player.SendAsync(HttpMethod.Post, "/api/training/sessions", new { ante = 0.33 });
        Assert.Equal(HttpStatusCode.BadRequest, badAnte.StatusCode);
        using var ignored = await player.SendAsync(HttpMethod.Post, "/api/training/sessions", new { drill = "random", minStack = 3, maxStack = 4 });
        Assert.Equal(HttpStatusCode.BadRequest, ignored.StatusCode); // said, not dealt 1 to 25 bb in silence
        Assert.Contains("stack-range drill", await ignored.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Free_players_get_a_daily_number_of_graded_decisions_and_learn_when_it_resets()
    {
        using var player = _api.NewPlayer();
        var training = await player.PostOkAsync("/api/training/sessions", new { });
        var id = training["id"]!.GetValue<string>();
        var spot = training["open"]!["number"]!.GetValue<int>();
        for (var i = 0; i < 5; i++)
        {
            spot = (await player.PostOkAsync($"/api/training/sessions/{id}/decisions", new { spot, choice = "fold" }))["next"]!["number"]!.GetValue<int>();
        }

        using var sixth = await player.SendAsync(HttpMethod.Post, $"/api/training/sessions/{id}/decisions", new { spot, choice = "fold" });
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.True(sixth.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("UTC", await sixth.Content.ReadAsStringAsync());
        Assert.Equal(5, (await player.GetAsync($"/api/training/sessions/{id}"))["decisions"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_chart_gives_every_hand_its_equilibrium_frequencies_and_thresholds()
    {
        using var player = _api.NewPlayer();
        var chart = await player.GetAsync("/api/training/chart?stack=10");
        var hands = chart["hands"]!.AsArray();
        Assert.Equal(169, hands.Count);
        var aces = hands.Single(h => h!["hand"]!.GetValue<string>() == "AA")!;
        Assert.Equal(1.0, aces["shove"]!.GetValue<double>());
        Assert.Equal(50.0, aces["shovedAt"]![0]!["to"]!.GetValue<double>());
        var q2o = hands.Single(h => h!["hand"]!.GetValue<string>() == "Q2o")!;
        Assert.Equal(0.0, q2o["shove"]!.GetValue<double>());
        Assert.Equal(7.0, q2o["shovedAt"]!.AsArray().Max(r => r!["to"]!.GetValue<double>()), tolerance: 0.2);
        Assert.True(chart["exploitability"]!.GetValue<double>() <= 0.001);

        using var tooDeep = await player.Http.GetAsync("/api/training/chart?stack=80");
        Assert.Equal(HttpStatusCode.BadRequest, tooDeep.StatusCode);
    }

    [Fact]
    public async Task GraphQL_trains_through_the_same_rules_and_never_shows_the_answer_before_the_decision()
    {
        using var player = _api.NewPlayer();
        using var other = _api.NewPlayer();
        var started = await player.GraphQLAsync("""
            mutation { startTraining(input: { drill: "stack-range", minStack: 9, maxStack: 9 }) { id open { number stack seat handClass decision { best } } } }
            """);
        Assert.Null(started["errors"]);
        var training = started["data"]!["startTraining"]!;
        var open = training["open"]!;
        Assert.Equal(9.0, open["stack"]!.GetValue<double>());
        Assert.Null(open["decision"]); // asked for, but there is none yet
        var seat = open["seat"]!.GetValue<string>();
        var id = training["id"]!.GetValue<string>();

        const string Decide = """
            mutation($id: ID!, $spot: Int!, $choice: TrainingChoice!) {
              decide(trainingId: $id, spot: $spot, choice: $choice) { graded { handClass decision { choice best correct evLost } } next { number decision { best } } training { decisions } }
            }
            """;
        var wrongSeat = await player.GraphQLAsync(Decide, new { id, spot = open["number"]!.GetValue<int>(), choice = seat == "small-blind" ? "CALL" : "SHOVE" });
        Assert.Equal("VALIDATION", wrongSeat["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        var theirs = await other.GraphQLAsync(Decide, new { id, spot = open["number"]!.GetValue<int>(), choice = "FOLD" });
        Assert.Equal("NOT_FOUND", theirs["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        var decided = await player.GraphQLAsync(Decide, new { id, spot = open["number"]!.GetValue<int>(), choice = "FOLD" });
        Assert.Null(decided["errors"]);
        var result = decided["data"]!["decide"]!;
        Assert.Equal("fold", result["graded"]!["decision"]!["choice"]!.GetValue<string>());
        Assert.Contains(result["graded"]!["decision"]!["best"]!.GetValue<string>(), new[] { "fold", seat == "small-blind" ? "shove" : "call" });
        Assert.Null(result["next"]!["decision"]);
        Assert.Equal(1, result["training"]!["decisions"]!.GetValue<int>());

        var read = await player.GraphQLAsync("""
            query($id: ID!) {
              training(id: $id) { decisions answered { handClass } }
              trainingChart(stack: 20) { stack hands { hand shove call shovedAt { from to } } }
              leaderboard(board: ALL_TIME, first: 5) { board minimumDecisions entries { rank } }
              leaderboardProfile { optIn }
            }
            """, new { id });
        Assert.Null(read["errors"]);
        Assert.Equal(1, read["data"]!["training"]!["decisions"]!.GetValue<int>());
        Assert.Equal(20.0, read["data"]!["trainingChart"]!["stack"]!.GetValue<double>());
        Assert.Equal(169, read["data"]!["trainingChart"]!["hands"]!.AsArray().Count);
        Assert.Equal("all-time", read["data"]!["leaderboard"]!["board"]!.GetValue<string>());
        Assert.False(read["data"]!["leaderboardProfile"]!["optIn"]!.GetValue<bool>());

        var notMine = await other.GraphQLAsync("query($id: ID!) { training(id: $id) { id } }", new { id });
        Assert.Null(notMine["data"]!["training"]);
        var badChart = await player.GraphQLAsync("{ trainingChart(stack: 0.5) { stack } }");
        Assert.Equal("VALIDATION", badChart["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Feedback_arrives_on_the_players_live_stream_and_a_dealt_spot_there_carries_no_answer()
    {
        using var player = _api.NewPlayer();
        await using var feed = await SseReader.OpenAsync(player.Http, "/api/me/events");
        var training = await player.PostOkAsync("/api/training/sessions", new { });
        var id = training["id"]!.GetValue<string>();
        var spot = training["open"]!["number"]!.GetValue<int>();
        await player.PostOkAsync($"/api/training/sessions/{id}/decisions", new { spot, choice = "fold" });

        var events = await feed.TakeAsync(4, TimeSpan.FromSeconds(10));
        Assert.Equal(["TrainingStarted", "SpotDealt", "DecisionMade", "SpotDealt"], events.Select(e => e.Event));
        var graded = JsonNode.Parse(events[2].Data)!;
        Assert.Equal(id, graded["trainingId"]!.GetValue<string>());
        Assert.Equal("fold", graded["spot"]!["decision"]!["choice"]!.GetValue<string>());
        Assert.Equal(1, graded["decisions"]!.GetValue<int>());
        foreach (var dealt in new[] { events[1], events[3] })
        {
            Assert.Null(JsonNode.Parse(dealt.Data)!["spot"]!["decision"]);
        }
    }
}
