using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json.Nodes;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>The training API's rules: whose session, which spot, which answers, how many a day, and the charts.</summary>
[Collection(Engines.Collection)]
public sealed partial class TrainingApiTests(EnginesFixture engines) : IDisposable
{
    private readonly ApiFactory _api = engines.CreateApi(("Training:FreeDecisionsPerDay", "5"), ("Training:TrainingsPerDay", "6"));

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Answers_must_fit_the_spot_and_belong_to_the_player()
    {
        using var player = _api.NewPlayer();
        using var other = _api.NewPlayer();
        var training = await player.PostOkAsync("/api/training/sessions", new { drill = "random" });
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
        using var badAnte = await player.SendAsync(HttpMethod.Post, "/api/training/sessions", new { drill = "random", ante = 0.33 });
        Assert.Equal(HttpStatusCode.BadRequest, badAnte.StatusCode);
        Assert.Contains("\"ante\"", await badAnte.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var ignored = await player.SendAsync(HttpMethod.Post, "/api/training/sessions", new { drill = "random", minStack = 3, maxStack = 4 });
        Assert.Equal(HttpStatusCode.BadRequest, ignored.StatusCode); // said, not dealt 1 to 25 bb in silence
        Assert.Contains("stack-range drill", await ignored.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drills_deal_only_stacks_in_the_range_asked_for_that_cover_the_blind_and_the_ante()
    {
        using var player = _api.NewPlayer();
        async Task<JsonNode> Start(object request) => await player.PostOkAsync("/api/training/sessions", request);
        async Task<string> Refused(object request)
        {
            using var response = await player.SendAsync(HttpMethod.Post, "/api/training/sessions", request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        // 1 bb with a 0.25 ante cannot be played (the blind and ante are more than the stack): said at once, not a spot that cannot be answered.
        Assert.Contains("from 1.3", await Refused(new { drill = "stack-range", minStack = 1, maxStack = 1.2, ante = 0.25 }), StringComparison.Ordinal);
        Assert.Contains("0.1 big blind steps", await Refused(new { drill = "stack-range", minStack = 8.05, maxStack = 8.05 }), StringComparison.Ordinal);
        Assert.Contains("drill", await Refused(new { drill = "" }), StringComparison.Ordinal);
        // Nothing asked for starts nothing: an empty request, a range drill without its range, an ante no drill has (named as such).
        Assert.Contains("Name the drill to start", await Refused(new { }), StringComparison.Ordinal);
        Assert.Contains("give both", await Refused(new { drill = "stack-range" }), StringComparison.Ordinal);
        var huge = await Refused(new { drill = "random", ante = 1e300 });
        Assert.Contains("\"ante\"", huge, StringComparison.Ordinal);
        Assert.DoesNotContain("minStack", huge, StringComparison.Ordinal);

        var shortest = await Start(new { drill = "stack-range", minStack = 1, maxStack = 1.3, ante = 0.25 });
        Assert.Equal(1.3, shortest["minStack"]!.GetValue<double>());
        Assert.Equal(1.3, shortest["open"]!["stack"]!.GetValue<double>());
        var id = shortest["id"]!.GetValue<string>();
        var answered = await player.PostOkAsync($"/api/training/sessions/{id}/decisions", new { spot = 1, choice = shortest["open"]!["seat"]!.GetValue<string>() == "small-blind" ? "shove" : "call" });
        Assert.NotNull(answered["graded"]!["decision"]);

        // The random drill with an ante deals from the smallest stack that covers it.
        var random = await Start(new { drill = "random", ante = 0.25 });
        Assert.Equal(1.3, random["minStack"]!.GetValue<double>());
        Assert.Equal(25, random["maxStack"]!.GetValue<double>());
    }

    [Fact]
    public async Task Leaderboard_names_cannot_pose_as_another_and_equal_figures_share_a_rank()
    {
        using var ann = _api.NewPlayer();
        using var bob = _api.NewPlayer();
        using var cid = _api.NewPlayer();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        async Task<HttpStatusCode> Claim(PlayerClient player, string name)
        {
            using var response = await player.SendAsync(HttpMethod.Put, "/api/training/leaderboard/profile", new { optIn = true, displayName = name });
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Claim(ann, $"Ace  Hunter {suffix}")); // shown with one space, as a board shows it
        // Staying in without a name keeps the one shown; joining without one is refused.
        using (var kept = await ann.SendAsync(HttpMethod.Put, "/api/training/leaderboard/profile", new { optIn = true }))
        {
            Assert.Equal($"Ace Hunter {suffix}", JsonNode.Parse(await kept.Content.ReadAsStringAsync())!["displayName"]!.GetValue<string>());
        }

        // A rename to blanks is refused, not answered with the old name as if it were done.
        Assert.Equal(HttpStatusCode.BadRequest, await Claim(ann, "   "));

        using (var nameless = await cid.SendAsync(HttpMethod.Put, "/api/training/leaderboard/profile", new { optIn = true }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Conflict, await Claim(bob, $"\u0410ce Hunter {suffix}")); // a Cyrillic А
        using (var taken = await bob.SendAsync(HttpMethod.Put, "/api/training/leaderboard/profile", new { optIn = true, displayName = $"ace HUNTER {suffix}" }))
        {
            // The message names the name as its holder shows it, not only as typed.
            Assert.Contains($"as \"Ace Hunter {suffix}\", which \"ace HUNTER {suffix}\" would look like", JsonNode.Parse(await taken.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>());
        }

        Assert.Equal(HttpStatusCode.BadRequest, await Claim(bob, "Admin")); // public names neither pose as staff nor insult
        Assert.Equal(HttpStatusCode.Conflict, await Claim(bob, $"\uFF21\uFF43\uFF45 Hunter {suffix}")); // full-width letters
        Assert.Equal(HttpStatusCode.Conflict, await Claim(bob, $"AceHunter_{suffix}")); // nor spaces and separators

        // A name claimed while names were compared with their spaces is kept in today's form.
        var redis = _api.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().GetDatabase();
        await redis.HashSetAsync("pt:leaderboard:names", $"old timer {suffix}", cid.UserId);
        await redis.HashSetAsync("pt:leaderboard:name-of", cid.UserId, $"old timer {suffix}");
        await redis.HashSetAsync("pt:leaderboard:profiles", cid.UserId, $"Old Timer {suffix}");
        await redis.KeyDeleteAsync("pt:leaderboard:names-form");
        await _api.Services.GetRequiredService<PokerTracker.SessionApi.Training.Leaderboards>().RekeyNamesAsync();
        Assert.Equal(HttpStatusCode.Conflict, await Claim(bob, $"OldTimer{suffix}"));
        Assert.False(await redis.HashExistsAsync("pt:leaderboard:names", $"old timer {suffix}"));
        Assert.Equal(HttpStatusCode.OK, await Claim(bob, $"Bob {suffix}"));
        Assert.Equal(HttpStatusCode.OK, await Claim(cid, $"Cid {suffix}"));

        // A board as the refresher writes it: Ann and Bob with the same figures, Cid behind.
        var boards = _api.Services.GetRequiredService<PokerTracker.SessionApi.Training.Leaderboards>();
        var board = "test-" + suffix;
        await boards.PublishAsync(board, [
            (cid.UserId, $"Cid {suffix}", new PokerTracker.SessionApi.Training.TrainingFigures("", 100, 80, 5)),
            (ann.UserId, $"Ace Hunter {suffix}", new PokerTracker.SessionApi.Training.TrainingFigures("", 100, 100, 0)),
            (bob.UserId, $"Bob {suffix}", new PokerTracker.SessionApi.Training.TrainingFigures("", 100, 100, 0))], DateTimeOffset.UtcNow);
        var page = await boards.PageAsync(board, cid.UserId, 25, null);
        Assert.Equal([1, 1, 3], page.Entries.Select(e => e.Rank));
        Assert.Equal(3, page.Mine!.Rank);
        var second = await boards.PageAsync(board, cid.UserId, 1, "1");
        Assert.Equal(1, Assert.Single(second.Entries).Rank); // a tie holds across pages

        // A rename shows at once, and the name given up is not shown as the renamed player's.
        Assert.Equal(HttpStatusCode.OK, await Claim(ann, $"Ann {suffix}"));
        Assert.Contains($"Ann {suffix}", (await boards.PageAsync(board, ann.UserId, 25, null)).Entries.Select(e => e.DisplayName));
        Assert.DoesNotContain($"Ace Hunter {suffix}", (await boards.PageAsync(board, ann.UserId, 25, null)).Entries.Select(e => e.DisplayName));

        using var far = await ann.Http.GetAsync("/api/training/leaderboard?board=weekly&cursor=9223372036854775807");
        Assert.Equal(HttpStatusCode.BadRequest, far.StatusCode);
    }

    [Fact]
    public async Task Free_players_get_a_daily_number_of_graded_decisions_and_learn_when_it_resets()
    {
        using var player = _api.NewPlayer();
        var (id, spot) = await FoldAsync(player, 5);

        using var sixth = await player.SendAsync(HttpMethod.Post, $"/api/training/sessions/{id}/decisions", new { spot, choice = "fold" });
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.True(sixth.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("UTC", await sixth.Content.ReadAsStringAsync());
        Assert.Equal(5, (await player.GetAsync($"/api/training/sessions/{id}"))["decisions"]!.GetValue<int>());

        // No drill starts whose first answer would be refused.
        using (var refused = await player.SendAsync(HttpMethod.Post, "/api/training/sessions", new { drill = "random" }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("graded decisions today", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Drills started are bounded too (each is kept for 30 days): the seventh today waits for tomorrow, and nothing was kept of it.
        using var starter = _api.NewPlayer();
        for (var i = 1; i <= 6; i++)
        {
            await starter.PostOkAsync("/api/training/sessions", new { drill = "random" });
        }

        using var seventh = await starter.SendAsync(HttpMethod.Post, "/api/training/sessions", new { drill = "random" });
        Assert.Equal(HttpStatusCode.TooManyRequests, seventh.StatusCode);
        Assert.True(seventh.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("drills started today (6 a day)", await seventh.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(6, JsonNode.Parse(await starter.Http.GetStringAsync("/api/training/sessions?limit=20"))!.AsArray().Count);
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
        var training = await player.PostOkAsync("/api/training/sessions", new { drill = "random" });
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
