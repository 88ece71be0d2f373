using System.Net;
using System.Text.Json.Nodes;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>
/// Hostile and careless input: every case gets a 4xx problem (or a GraphQL error), never a 500,
/// and the session is exactly as it was.
/// </summary>
[Collection(Engines.Collection)]
public sealed class BadInputTests(EnginesFixture engines)
{
    private readonly ApiFactory _api = engines.SharedApi;

    public static TheoryData<string, string, string, int> RestCases() => new()
    {
        // method, path ({id} = a running cash session, {ended} = an ended one), body, expected status
        { "POST", "/api/sessions/{id}/stack", """{"amount":"lots"}""", 400 },
        { "POST", "/api/sessions/{id}/stack", """{"amount":12.5}""", 400 },
        { "POST", "/api/sessions/{id}/stack", """{"amount":-100}""", 400 },
        { "POST", "/api/sessions/{id}/stack", """{"amount":1e400}""", 400 },
        { "POST", "/api/sessions/{id}/stack", """{"amount":99999999999999999999999}""", 400 },
        { "POST", "/api/sessions/{id}/stack", """{"amount":1000000000001}""", 400 },
        { "POST", "/api/sessions/{id}/stack", """{"amount":NaN}""", 400 },
        { "POST", "/api/sessions/{id}/stack", """{"amount":"NaN"}""", 400 },
        { "POST", "/api/sessions/{id}/stack", """{"amount":null}""", 400 },
        { "POST", "/api/sessions/{id}/stack", """{}""", 400 },
        { "POST", "/api/sessions/{id}/stack", """[1,2,3]""", 400 },
        { "POST", "/api/sessions/{id}/stack", """{"amount":100""", 400 },
        { "POST", "/api/sessions/{id}/stack", """{"amount":100,"amount":200}""", 400 },
        { "POST", "/api/sessions/{id}/stack", """{"amount":100,"hack":true}""", 400 },
        { "POST", "/api/sessions/{id}/stack", """{"amount":100,"at":"2999-01-01T00:00:00Z"}""", 400 },
        { "POST", "/api/sessions/{id}/stack", """{"amount":100,"at":"2001-01-01T00:00:00Z"}""", 400 },
        { "POST", "/api/sessions/{id}/stack", """{"amount":100,"at":"yesterday"}""", 400 },
        { "POST", "/api/sessions/{id}/stack", "", 400 },
        { "POST", "/api/sessions/{id}/buy-ins", """{"kind":"rebuy","amount":0}""", 400 },
        { "POST", "/api/sessions/{id}/buy-ins", """{"kind":"freeroll","amount":100}""", 400 },
        { "POST", "/api/sessions/{id}/buy-ins", """{"kind":"rebuy","amount":-5}""", 400 },
        { "POST", "/api/sessions/{id}/buy-ins", """{"kind":123,"amount":5}""", 400 },
        { "POST", "/api/sessions/{id}/notes", """{"text":""}""", 400 },
        { "POST", "/api/sessions/{id}/notes", "{\"text\":\"" + new string('n', 2001) + "\"}", 400 },
        { "POST", "/api/sessions/{id}/notes", """{"text":"bell\u0007"}""", 400 },
        { "POST", "/api/sessions/{id}/expenses", """{"kind":"tips","amount":0}""", 400 },
        { "POST", "/api/sessions/{id}/expenses", """{"kind":"casino","amount":100}""", 400 },
        { "DELETE", "/api/sessions/{id}/expenses/999", "", 404 },
        { "DELETE", "/api/sessions/{id}/expenses/1", "", 404 },
        { "POST", "/api/sessions/{id}/breaks/end", "", 409 },
        { "POST", "/api/sessions/{id}/end", """{"cashOut":-1}""", 400 },
        { "POST", "/api/sessions/{id}/end", """{"prize":100}""", 400 },
        { "POST", "/api/sessions/{id}/end", """{"cashOut":100,"at":"2999-01-01T00:00:00Z"}""", 400 },
        { "PATCH", "/api/sessions/{id}", """{"venue":"Wynn"}""", 409 },
        { "POST", "/api/sessions/{ended}/stack", """{"amount":100}""", 409 },
        { "POST", "/api/sessions/{ended}/buy-ins", """{"kind":"rebuy","amount":100}""", 409 },
        { "POST", "/api/sessions/{ended}/end", """{"cashOut":100}""", 409 },
        { "PATCH", "/api/sessions/{ended}", """{}""", 400 },
        { "PATCH", "/api/sessions/{ended}", """{"cashOut":-7}""", 400 },
        { "PATCH", "/api/sessions/{ended}", """{"endedAt":"2000-01-01T00:00:00Z"}""", 400 },
        { "PATCH", "/api/sessions/{ended}", """{"startedAt":"2026-01-02T06:44:00"}""", 400 }, // no offset: whose 06:44?
        { "PUT", "/api/me/goals", """{"hours":0.001}""", 400 }, // would be kept as a goal of 0 hours
        { "PUT", "/api/me/goals", """{"hours":12.345}""", 400 },
        { "POST", "/api/sessions/{id}/stack", """{"amount":100,"at":"2026-01-02"}""", 400 },
        { "PATCH", "/api/sessions/{ended}", """{"prize":100}""", 400 },
        { "POST", "/api/sessions/00000000-0000-0000-0000-000000000000/stack", """{"amount":100}""", 404 },
        { "POST", "/api/sessions/not-a-guid/stack", """{"amount":100}""", 404 },
        { "GET", "/api/sessions/0193a000-0000-7000-8000-000000000001", "", 404 },
        { "GET", "/api/sessions?limit=0", "", 400 },
        { "GET", "/api/sessions?limit=1000", "", 400 },
        { "GET", "/api/sessions?status=paused", "", 400 },
        { "GET", "/api/sessions?cursor=bm90LWEtY3Vyc29y", "", 400 },
        { "GET", "/api/sessions?cursor=TmFOfDAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA", "", 400 }, // "NaN|…": not a position Redis takes
        { "GET", "/api/sessions?limit=abc", "", 400 },
        { "GET", "/api/stats?points=1", "", 400 },
        { "GET", "/api/stats?points=100001", "", 400 },
        { "GET", "/api/stats?points=lots", "", 400 },
        { "POST", "/api/sessions", """{"kind":"cash","game":"NLHE","format":"live","venue":"X","currency":"US$","stakes":{"smallBlind":1,"bigBlind":2}}""", 400 },
        { "POST", "/api/sessions", """{"kind":"cash","game":"NLHE","format":"live","venue":"X","currency":"XYZ","stakes":{"smallBlind":1,"bigBlind":2}}""", 400 },
        { "POST", "/api/sessions", """{"kind":"cash","game":"NLHE","format":"live","venue":"X","currency":"USD"}""", 400 },
        { "POST", "/api/sessions", """{"kind":"cash","game":"NLHE","format":"live","venue":"X","currency":"USD","stakes":{"smallBlind":5,"bigBlind":2}}""", 400 },
        { "POST", "/api/sessions", """{"kind":"tournament","game":"NLHE","format":"live","venue":"X","currency":"USD"}""", 400 },
        { "POST", "/api/sessions", """{"kind":"cash","game":"NLHE","format":"live","venue":"X","currency":"USD","stakes":{"smallBlind":1,"bigBlind":2},"startedAt":"2999-01-01T00:00:00Z"}""", 400 },
        { "POST", "/api/sessions", """{"kind":"cash","game":"NLHE","format":"live","venue":"X","currency":"USD","stakes":{"smallBlind":1,"bigBlind":2},"timeZone":"Mars/Olympus"}""", 400 },
        { "POST", "/api/sessions", """{"kind":"cash","game":"NLHE","format":"live","venue":"X","currency":"USD","stakes":{"smallBlind":1,"bigBlind":2},"timeZone":"../../etc/passwd"}""", 400 },
        { "POST", "/api/sessions", """{"kind":"cash","game":"NLHE","format":"live","venue":"X","currency":"USD","stakes":{"smallBlind":1,"bigBlind":2},"timeZone":"Pacific Standard Time"}""", 400 },
        { "POST", "/api/sessions", """{"kind":"cash","game":"Other","format":"live","venue":"X","currency":"USD","stakes":{"smallBlind":1,"bigBlind":2}}""", 400 },
        { "POST", "/api/sessions", """{"kind":"cash","game":"NLHE","format":"live","venue":"X","currency":"USD","stakes":{"smallBlind":1,"bigBlind":2},"tags":["a","b","c","d","e","f","g","h","i","j","k"]}""", 400 },
        { "POST", "/api/sessions", """{"kind":"cash","game":"NLHE","format":"live","venue":"X","currency":"USD","stakes":{"smallBlind":1,"bigBlind":2},"buyIn":-100}""", 400 },
        { "POST", "/api/sessions", "{\"kind\":\"cash\",\"game\":\"NLHE\",\"format\":\"live\",\"venue\":\"" + new string('v', 101) + "\",\"currency\":\"USD\",\"stakes\":{\"smallBlind\":1,\"bigBlind\":2}}", 400 },
        { "POST", "/api/sessions", "{\"pad\":\"" + new string('x', 300_000) + "\"}", 413 },
    };

    [Theory]
    [MemberData(nameof(RestCases))]
    public async Task A_bad_REST_request_gets_a_problem_and_changes_nothing(string method, string path, string body, int status)
    {
        using var player = _api.NewPlayer();
        var running = (await player.StartCashAsync())["id"]!.GetValue<string>();
        var ended = (await player.StartCashAsync())["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{ended}/end", new { cashOut = 1_000 });
        var before = await Snapshot(player, running, ended);

        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", running).Replace("{ended}", ended));
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await player.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{method} {path} {body[..Math.Min(body.Length, 120)]} → {(int)response.StatusCode} {text}");
        if (status != 404 || text.Length > 0)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(status, JsonNode.Parse(text)!["status"]!.GetValue<int>());
        }

        Assert.Equal(before, await Snapshot(player, running, ended));
    }

    [Fact]
    public async Task A_time_without_its_offset_is_refused_and_the_answer_says_why()
    {
        using var player = _api.NewPlayer();
        var day = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var response = await player.SendAsync(HttpMethod.Post, "/api/sessions", new
        {
            kind = "cash", game = "NLHE", format = "live", venue = "Wynn", currency = "USD",
            stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000, startedAt = $"{day}T06:44:00",
        });
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("$.startedAt: A time must say its offset from UTC, e.g. 2026-12-02T06:44:00-08:00", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await player.GetAsync("/api/sessions"))["items"]!.AsArray());
        // With its offset, or in UTC, the same time is taken.
        var taken = await player.StartCashAsync(new
        {
            kind = "cash", game = "NLHE", format = "live", venue = "Wynn", currency = "USD",
            stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000, startedAt = $"{day}T06:44:00-08:00",
        });
        Assert.Equal(DateTimeOffset.Parse($"{day}T14:44:00Z", System.Globalization.CultureInfo.InvariantCulture), taken["startedAt"]!.GetValue<DateTimeOffset>());
    }

    [Theory]
    [InlineData("POST", "/api/sessions/{id}/stack", "")]
    [InlineData("PUT", "/api/me/goals", "null")]
    public async Task A_missing_body_is_said_in_the_clients_terms(string method, string path, string body)
    {
        using var player = _api.NewPlayer();
        var running = (await player.StartCashAsync())["id"]!.GetValue<string>();
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", running));
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await player.Http.SendAsync(request);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The request needs a body.", problem["title"]!.GetValue<string>());
        Assert.DoesNotContain("Service", problem.ToJsonString(), StringComparison.Ordinal); // "Did you mean to use a Service instead?" is for developers
    }

    [Theory]
    [InlineData("/api/stats?minMinutes=2h", "minMinutes", "\"2h\" is not a whole number.")]
    [InlineData("/api/stats?from=yesterday", "from", "\"yesterday\" is not a date and time")]
    [InlineData("/api/stats/sessions?limit=many", "limit", "\"many\" is not a whole number.")]
    [InlineData("/api/stats?minMinutes=99999999999", "minMinutes", "\"99999999999\" is out of range.")] // a whole number, too large
    [InlineData("/api/stats?bankroll=99999999999999999999", "bankroll", "\"99999999999999999999\" is out of range.")]
    [InlineData("/api/stats?stakes=abc", "stakes", "Is not a stakes key")] // not a view with no session in it
    [InlineData("/api/stats/sessions?stakes=1/2/3", "stakes", "Is not a stakes key")]
    [InlineData("/api/stats?stakes=300/100", "stakes", "Is not a stakes key")] // the small blind above the big
    [InlineData("/api/stats?stakes=0/0", "stakes", "Is not a stakes key")]
    [InlineData("/api/stats?to=9999-12-31", "to", "Must be between 1900-01-01 and 2299-12-31.")] // "no end", as some clients say it
    [InlineData("/api/stats?from=0001-01-01&timeZone=Asia/Tokyo", "from", "Must be between 1900-01-01 and 2299-12-31.")]
    [InlineData("/api/stats?to=9999-12-31T23:00:00Z", "to", "Must be between 1900-01-01 and 2299-12-31.")]
    [InlineData("/api/stats/sessions?from=0001-01-01T00:00:00Z", "from", "Must be between 1900-01-01 and 2299-12-31.")]
    public async Task A_query_value_that_is_not_of_its_kind_is_named_with_what_it_takes(string path, string field, string message)
    {
        using var player = _api.NewPlayer();
        using var response = await player.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var errors = JsonNode.Parse(text)!["errors"] ?? throw new Xunit.Sdk.XunitException(text);
        Assert.StartsWith(message, errors[field]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_order_lists_the_sessions_newest_first_as_none_does()
    {
        using var player = _api.NewPlayer();
        using var response = await player.Http.GetAsync("/api/stats/sessions?sort=");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var unknown = await player.Http.GetAsync("/api/stats/sessions?sort=luckiest");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    public static TheoryData<string> GraphQLCases() => new()
    {
        "mutation { updateStack(sessionId: \"{id}\", amount: -1) { id } }",
        "mutation { updateStack(sessionId: \"{id}\", amount: \"many\") { id } }",
        "mutation { updateStack(sessionId: \"{id}\", amount: 12.5) { id } }",
        "mutation { updateStack(sessionId: \"{id}\") { id } }",
        "mutation { addNote(sessionId: \"{id}\", text: \"\") { id } }",
        "mutation { addBuyIn(sessionId: \"{id}\", input: { kind: \"gift\", amount: 5 }) { id } }",
        "mutation { endBreak(sessionId: \"{id}\") { id } }",
        "mutation { correctSession(sessionId: \"{id}\", input: { venue: \"Wynn\" }) { id } }",
        "mutation { updateStack(sessionId: \"{ended}\", amount: 5) { id } }",
        "mutation { updateStack(sessionId: \"nope\", amount: 5) { id } }",
        "mutation { updateStack(sessionId: \"{id}\", amount: 5, clientEventId: \"has spaces\") { id } }",
        "{ sessions(first: 0) { edges { cursor } } }",
        "{ sessions(after: \"garbage\") { edges { cursor } } }",
        "{ session(id: \"{id}\") { noSuchField } }",
        "{ statistics(filter: { to: \"9999-12-31T23:00:00Z\" }) { sessions } }",
        "mutation { updateStack(sessionId: \"{id}\", amount: 5) { id ",
        "mutation { updateStack(sessionId: \"{id}\", amount: 5, at: \"" + DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "\") { id } }", // whose clock?
    };

    [Theory]
    [MemberData(nameof(GraphQLCases))]
    public async Task A_bad_GraphQL_request_gets_errors_and_changes_nothing(string query)
    {
        using var player = _api.NewPlayer();
        var running = (await player.StartCashAsync())["id"]!.GetValue<string>();
        var ended = (await player.StartCashAsync())["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{ended}/end", new { cashOut = 1_000 });
        var before = await Snapshot(player, running, ended);

        using var response = await player.Http.PostAsync("/graphql", new StringContent(
            System.Text.Json.JsonSerializer.Serialize(new { query = query.Replace("{id}", running).Replace("{ended}", ended) }),
            System.Text.Encoding.UTF8, "application/json"));
        Assert.True((int)response.StatusCode is 200 or 400, $"{query} → {(int)response.StatusCode}");
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var error = Assert.Single(result["errors"]!.AsArray())!;
        Assert.False(string.IsNullOrEmpty(error["extensions"]?["code"]?.GetValue<string>()), result.ToJsonString());
        Assert.Equal(before, await Snapshot(player, running, ended));
    }

    private static async Task<string> Snapshot(PlayerClient player, string running, string ended) =>
        (await player.GetAsync($"/api/sessions/{running}")).ToJsonString() + (await player.GetAsync($"/api/sessions/{ended}")).ToJsonString()
        + (await player.Http.GetStringAsync($"/api/sessions/{running}/stack"));
}
