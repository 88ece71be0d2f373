using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>Every GraphQL query and mutation, through the same service as REST.</summary>
[Collection(Engines.Collection)]
public sealed class GraphQLApiTests(EnginesFixture engines)
{
    private const string Fields = "id status version venue totals { invested expenses netResult currentStack } onBreak notes { text } buyIns { kind amount }";
    private readonly ApiFactory _api = engines.SharedApi;

    [Fact]
    public async Task Errors_name_the_argument_in_GraphQLs_words_and_never_carry_internals()
    {
        using var player = _api.NewPlayer();
        var notAnId = await player.GraphQLAsync("mutation { updateStack(sessionId: \"not-a-guid\", amount: 5) { id } }");
        var error = notAnId["errors"]![0]!;
        Assert.Equal("VALIDATION", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("sessionId: Is not a session id", error["message"]!.GetValue<string>());
        var queried = (await player.GraphQLAsync("{ session(id: \"xyz\") { id } }"))["errors"]![0]!;
        Assert.Equal("VALIDATION", queried["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("id: Is not a session id", queried["message"]!.GetValue<string>());
        var unknown = await player.GraphQLAsync($"{{ session(id: \"{Guid.NewGuid()}\") {{ id }} }}");
        Assert.Null(unknown["errors"]);
        Assert.Null(unknown["data"]!["session"]);

        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        var twoWrong = await player.GraphQLAsync($"mutation {{ addBuyIn(sessionId: \"{id}\", input: {{ kind: \"gift\", amount: -5 }}) {{ id }} }}");
        var both = twoWrong["errors"]![0]!["message"]!.GetValue<string>();
        Assert.Contains("kind: ", both);
        Assert.Contains("; amount: ", both);
        Assert.DoesNotContain(".;", both);

        await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut = 1_000 });
        var ended = await player.GraphQLAsync($"mutation {{ updateStack(sessionId: \"{id}\", amount: 5) {{ id }} }}");
        Assert.Contains("correctSession mutation", ended["errors"]![0]!["message"]!.GetValue<string>());

        foreach (var broken in new[] { "{", "{ sessions(first: -1) { edges { cursor } } }" })
        {
            var answer = (await player.GraphQLAsync(broken)).ToJsonString();
            Assert.DoesNotContain("\"details\"", answer);
            Assert.DoesNotContain("Exception", answer);
            Assert.DoesNotContain(".cs:line", answer);
        }
    }

    [Fact]
    public async Task Every_query_and_mutation_works_for_the_owner()
    {
        using var player = _api.NewPlayer();
        var me = await player.GraphQLAsync("{ me { id email role } }");
        Assert.Equal(player.UserId, me["data"]!["me"]!["id"]!.GetValue<string>());
        Assert.Equal("free", me["data"]!["me"]!["role"]!.GetValue<string>());

        var created = await Data(player, $$"""
            mutation($input: StartSessionInput!) { createSession(input: $input, clientEventId: "c-1") { {{Fields}} } }
            """, new
        {
            input = new { kind = "cash", game = "PLO", format = "live", venue = "Commerce", currency = "USD", stakes = new { smallBlind = 500, bigBlind = 1000 }, buyIn = 100_000 },
        });
        var id = created["createSession"]!["id"]!.GetValue<string>();

        string Mutation(string field, string args) => $"mutation {{ {field}(sessionId: \"{id}\"{args}) {{ {Fields} }} }}";
        await Data(player, Mutation("addBuyIn", ", input: { kind: \"rebuy\", amount: 50000 }"));
        await Data(player, Mutation("updateStack", ", amount: 180000"));
        await Data(player, Mutation("addNote", ", text: \"Big pot vs seat 2\""));
        await Data(player, Mutation("addExpense", ", input: { kind: \"tips\", amount: 2000 }"));
        var onBreak = await Data(player, Mutation("startBreak", ""));
        Assert.True(onBreak["startBreak"]!["onBreak"]!.GetValue<bool>());
        await Data(player, Mutation("endBreak", ""));
        var ended = await Data(player, Mutation("endSession", ", input: { cashOut: 200000 }"));
        Assert.Equal(200_000 - 150_000 - 2_000, ended["endSession"]!["totals"]!["netResult"]!.GetValue<long>());
        var corrected = await Data(player, Mutation("correctSession", ", input: { reason: \"recount\", cashOut: 210000 }"));
        Assert.Equal(58_000, corrected["correctSession"]!["totals"]!["netResult"]!.GetValue<long>());
        var untipped = await Data(player, Mutation("deleteExpense", ", sequence: 6")); // the tip: started (1), buy-in (2), rebuy, stack, note, tip (6)
        Assert.Equal(60_000, untipped["deleteExpense"]!["totals"]!["netResult"]!.GetValue<long>());

        var one = await Data(player, $"{{ session(id: \"{id}\") {{ {Fields} stack {{ amount sequence }} }} }}");
        Assert.Equal([100_000L, 150_000L, 180_000L, 210_000L], one["session"]!["stack"]!.AsArray().Select(p => p!["amount"]!.GetValue<long>())); // the buy-in, the rebuy, the update, the cash-out as corrected
        Assert.Equal("Big pot vs seat 2", one["session"]!["notes"]![0]!["text"]!.GetValue<string>());

        var page = await Data(player, "{ sessions(first: 5, status: ENDED) { edges { cursor node { id status } } pageInfo { hasNextPage endCursor } } }");
        Assert.Equal(id, page["sessions"]!["edges"]![0]!["node"]!["id"]!.GetValue<string>());
        Assert.False(page["sessions"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());

        var discarded = await Data(player, Mutation("discardSession", ", reason: \"test\""));
        Assert.Equal("discarded", discarded["discardSession"]!["status"]!.GetValue<string>());

        var again = await Data(player, $$"""
            mutation($input: StartSessionInput!) { createSession(input: $input, clientEventId: "c-1") { id } }
            """, new
        {
            input = new { kind = "cash", game = "PLO", format = "live", venue = "Commerce", currency = "USD", stakes = new { smallBlind = 500, bigBlind = 1000 }, buyIn = 100_000 },
        });
        Assert.Equal(id, again["createSession"]!["id"]!.GetValue<string>()); // same clientEventId: the original result
    }

    [Fact]
    public async Task Errors_carry_a_code_in_extensions()
    {
        using var player = _api.NewPlayer();
        var missing = await player.GraphQLAsync($"mutation {{ updateStack(sessionId: \"{Guid.NewGuid()}\", amount: 1) {{ id }} }}");
        Assert.Equal("NOT_FOUND", missing["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        var created = await player.StartCashAsync();
        var id = created["id"]!.GetValue<string>();
        var invalid = await player.GraphQLAsync($"mutation {{ updateStack(sessionId: \"{id}\", amount: -5) {{ id }} }}");
        Assert.Equal("VALIDATION", invalid["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        var conflict = await player.GraphQLAsync($"mutation {{ endBreak(sessionId: \"{id}\") {{ id }} }}");
        Assert.Equal("CONFLICT", conflict["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        using var syntax = await player.Http.PostAsync("/graphql", new StringContent("{\"query\":\"{ me { id \"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, syntax.StatusCode);
        Assert.NotNull(JsonNode.Parse(await syntax.Content.ReadAsStringAsync())!["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task A_time_without_its_offset_is_refused_as_REST_refuses_it_and_nothing_is_stored()
    {
        using var player = _api.NewPlayer();
        var started = await player.StartCashAsync(new
        {
            kind = "cash", game = "NLHE", format = "live", venue = "Bellagio", currency = "USD", stakes = new { smallBlind = 100, bigBlind = 200 },
            buyIn = 20_000, startedAt = DateTimeOffset.UtcNow.AddHours(-1),
        });
        var (id, version) = (started["id"]!.GetValue<string>(), started["version"]!.GetValue<long>());
        var local = DateTime.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

        // In the query (a literal) and as a variable: before, both were taken as UTC and stored.
        var literal = await player.GraphQLAsync($"mutation {{ updateStack(sessionId: \"{id}\", amount: 24000, at: \"{local}\") {{ version }} }}");
        var variable = await player.GraphQLAsync(
            "mutation ($id: ID!, $at: DateTimeOffset) { addNote(sessionId: $id, text: \"x\", at: $at) { version } }", new { id, at = local });
        foreach (var refused in new[] { literal, variable })
        {
            var error = refused["errors"]![0]!["message"]!.GetValue<string>();
            Assert.Contains("must say its offset from UTC", error);
        }

        var stored = await player.GetAsync($"/api/sessions/{id}");
        Assert.Equal(version, stored["version"]!.GetValue<long>());
        Assert.Empty(stored["notes"]!.AsArray());

        var withOffset = await Data(player, $"mutation {{ updateStack(sessionId: \"{id}\", amount: 24000, at: \"{local}Z\") {{ version }} }}");
        Assert.Equal(version + 1, withOffset["updateStack"]!["version"]!.GetValue<long>());

        // Any way of writing a time with its offset is taken; what is no time at all says so.
        var minutes = await Data(player, $"mutation {{ addNote(sessionId: \"{id}\", text: \"y\", at: \"{local[..16]}Z\") {{ version }} }}");
        Assert.Equal(version + 2, minutes["addNote"]!["version"]!.GetValue<long>());
        foreach (var none in new[] { "1764787540", "18:45:40 +01:00" }) // a number; a time of day with no date (it took today's)
        {
            var refused = await player.GraphQLAsync($"mutation {{ addNote(sessionId: \"{id}\", text: \"z\", at: \"{none}\") {{ version }} }}");
            Assert.Contains($"\"{none}\" is not a time", refused["errors"]![0]!["message"]!.GetValue<string>());
        }

        // A statistics filter's bound too: a date alone was midnight UTC (5 PM the day before in Los Angeles).
        var day = await player.GraphQLAsync("{ statistics(filter: { from: \"2026-10-01\" }) { sessions } }");
        Assert.Contains("A date alone names no moment", day["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(0, (await Data(player, "{ statistics(filter: { from: \"2026-10-01T00:00:00-07:00\" }) { sessions } }"))["statistics"]!["sessions"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_refused_mutation_among_several_is_the_only_one_answered_null()
    {
        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        var answer = await player.GraphQLAsync($$"""
            mutation {
              first: updateStack(sessionId: "{{id}}", amount: 25000) { totals { currentStack } }
              wrong: updateStack(sessionId: "{{id}}", amount: -5) { version }
              third: addNote(sessionId: "{{id}}", text: "typed after the wrong one") { notes { text } }
            }
            """);

        // What was saved is answered as saved; only the refused one is null, and named in the errors.
        Assert.Equal(25000, answer["data"]!["first"]!["totals"]!["currentStack"]!.GetValue<long>());
        Assert.Null(answer["data"]!["wrong"]);
        Assert.Equal("typed after the wrong one", answer["data"]!["third"]!["notes"]![0]!["text"]!.GetValue<string>());
        var error = Assert.Single(answer["errors"]!.AsArray())!;
        Assert.Equal("wrong", error["path"]![0]!.GetValue<string>());
        Assert.Equal("VALIDATION", error["extensions"]!["code"]!.GetValue<string>());

        var stored = await player.GetAsync($"/api/sessions/{id}");
        Assert.Equal(25000, stored["totals"]!["currentStack"]!.GetValue<long>());
        Assert.Single(stored["notes"]!.AsArray());
    }

    [Fact]
    public async Task GraphQL_requests_draw_on_the_players_read_budget_and_only_theirs()
    {
        using var api = engines.CreateApi(("RateLimits:ReadsPerSecond", "1")); // bursts of 5
        using var player = api.NewPlayer();
        using var other = api.NewPlayer();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await player.Http.PostAsJsonAsync("/graphql", new { query = "{ me { id } }" });
            answers.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        using var theirs = await other.Http.PostAsJsonAsync("/graphql", new { query = "{ me { id } }" });
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
    }

    [Fact]
    public async Task Depth_and_complexity_are_limited()
    {
        using var player = _api.NewPlayer();
        var deep = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }";
        using var response = await player.Http.PostAsync("/graphql", new StringContent(
            System.Text.Json.JsonSerializer.Serialize(new { query = deep }), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Matches("nested|complex", error["message"]!.GetValue<string>());
        Assert.NotNull(error["extensions"]!["code"]);

        // A wide query over many sessions is refused before it runs, however shallow.
        var wide = "{ " + string.Join(" ", Enumerable.Range(0, 60).Select(i =>
            $"s{i}: sessions(first: 100) {{ edges {{ node {{ id venue totals {{ netResult hourlyRate }} }} }} }}")) + " }";
        using var tooWide = await player.Http.PostAsync("/graphql", new StringContent(
            System.Text.Json.JsonSerializer.Serialize(new { query = wide }), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, tooWide.StatusCode);
    }

    [Fact]
    public void The_committed_schema_matches_the_served_schema()
    {
        var schema = _api.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var printed = schema.Print().Replace("\r\n", "\n").Trim() + "\n";
        var path = Path.Combine(RepoPaths.Root, "Session.Api", "schema.graphql");
        if (Environment.GetEnvironmentVariable("UPDATE_GRAPHQL_SCHEMA") == "1")
        {
            File.WriteAllText(path, printed);
        }

        var committed = File.ReadAllText(path);
        Assert.True(printed == committed,
            "Session.Api/schema.graphql differs from the served schema. Regenerate it: ./scripts/update-graphql-schema.sh\n" + printed);
    }

    private static async Task<JsonObject> Data(PlayerClient player, string query, object? variables = null)
    {
        var result = await player.GraphQLAsync(query, variables);
        Assert.True(result["errors"] is null, result.ToJsonString());
        return result["data"]!.AsObject();
    }
}
