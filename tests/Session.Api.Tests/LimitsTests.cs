using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using StackExchange.Redis;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>
/// No single account, request or document can exhaust a shared limit or store: each probe is
/// what a careless or hostile client would send.
/// </summary>
[Collection(Engines.Collection)]
public sealed class LimitsTests(EnginesFixture engines)
{
    [Fact]
    public async Task Two_thousand_aliased_root_fields_are_refused_before_anything_runs_also_through_fragments()
    {
        using var api = engines.CreateApi();
        using var player = api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        var aliases = string.Join(" ", Enumerable.Range(0, 2_000).Select(i => $"s{i}: session(id: \"{id}\") {{ id }}"));
        using var many = await player.Http.PostAsJsonAsync("/graphql", new { query = $"{{ {aliases} }}" });
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Contains("at most 10", await many.Content.ReadAsStringAsync());

        var fragment = string.Join(" ", Enumerable.Range(0, 11).Select(i => $"m{i}: me {{ id }}"));
        using var hidden = await player.Http.PostAsJsonAsync("/graphql", new { query = $"{{ ...F }} fragment F on Query {{ {fragment} }}" });
        Assert.Equal(HttpStatusCode.BadRequest, hidden.StatusCode);

        var stats = string.Join(" ", Enumerable.Range(0, 10).Select(i => $"x{i}: statistics(bankroll: {100_000 + i}) {{ sessions }}"));
        using var allowed = await player.Http.PostAsJsonAsync("/graphql", new { query = $"{{ {stats} }}" });
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode); // ten is allowed — and costs ten statistics requests (below)
    }

    [Fact]
    public async Task Each_aliased_mutation_costs_a_command_from_the_same_budget_as_REST()
    {
        using var api = engines.CreateApi(("RateLimits:WritesPerSecond", "1"), ("RateLimits:WriteBurst", "4"));
        using var player = api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>(); // 1 of 4
        var updates = string.Join(" ", Enumerable.Range(0, 8).Select(i => $"u{i}: updateStack(sessionId: \"{id}\", amount: {20_000 + i}) {{ version }}"));
        var result = await player.GraphQLAsync($"mutation {{ {updates} }}");
        var limited = result["errors"]!.AsArray().Count(e => e!["extensions"]?["code"]?.GetValue<string>() == "RATE_LIMITED");
        Assert.InRange(limited, 4, 6); // about 3 of the 8 ran (the bucket refills one a second)
        using (var raw = await player.Http.PostAsJsonAsync("/graphql", new { query = $"mutation {{ {updates} }}" }))
        {
            Assert.True(raw.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)); // when to try again, as REST says it
        }

        using var rest = await player.SendAsync(HttpMethod.Post, $"/api/sessions/{id}/stack", new { amount = 1 });
        Assert.Equal(HttpStatusCode.TooManyRequests, rest.StatusCode);
        Assert.NotNull(rest.Headers.RetryAfter);
        var session = await player.GetAsync($"/api/sessions/{id}");
        Assert.InRange(session["version"]!.GetValue<long>(), 2 + 3, 2 + 4);
    }

    [Fact]
    public async Task A_player_has_a_day_s_budget_of_commands_and_another_player_is_not_touched_by_it()
    {
        // Each command keeps its idempotency record a day: the day's budget bounds what one player puts in the store.
        using var api = engines.CreateApi(("RateLimits:WritesPerDay", "100"));
        using var player = api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        var sent = 1;
        HttpResponseMessage? refused = null;
        while (refused is null && sent < 200)
        {
            var response = await player.SendAsync(HttpMethod.Post, $"/api/sessions/{id}/stack", new { amount = 20_000 + sent }, idempotencyKey: Guid.NewGuid().ToString());
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else { Assert.Equal(HttpStatusCode.OK, response.StatusCode); response.Dispose(); sent++; }
        }

        using (refused)
        {
            Assert.InRange(sent, 100, 102); // the day's 100, and the odd one refilled while they ran
            Assert.InRange(refused!.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        }

        Assert.Equal(sent + 1, (await player.GetAsync($"/api/sessions/{id}"))["version"]!.GetValue<long>()); // the start, its buy-in, the updates taken
        using var other = api.NewPlayer();
        await other.StartCashAsync();
    }

    [Fact]
    public async Task Statistics_requests_have_a_budget_per_player()
    {
        using var api = engines.CreateApi(("RateLimits:StatisticsPerSecond", "1"));
        using var player = api.NewPlayer();
        using var other = api.NewPlayer();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await player.Http.GetAsync($"/api/stats?bankroll={100_000 + i}");
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        using var theirs = await other.Http.GetAsync("/api/stats");
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode); // one player's spending is not another's
    }

    [Fact]
    public async Task Idempotency_records_stay_small_and_statistics_leave_nothing_in_Redis()
    {
        using var api = engines.CreateApi();
        using var player = api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        for (var i = 0; i < 50; i++)
        {
            await player.PostOkAsync($"/api/sessions/{id}/notes", new { text = new string('n', 1_900) + i });
        }

        var key = Guid.NewGuid().ToString();
        var first = await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 31_000 }, key);
        using var redis = await ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var stored = await redis.GetDatabase().StringGetAsync($"pt:idem:{player.UserId}:{key}");
        Assert.InRange(stored.ToString().Length, 1, 200); // was the whole session view: ~100 KB here
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 99_000 });
        var retried = await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 31_000 }, key);
        Assert.Equal(first["version"]!.GetValue<long>(), retried["version"]!.GetValue<long>()); // the answer as it was
        Assert.Equal(31_000, retried["totals"]!["currentStack"]!.GetValue<long>());

        for (var i = 0; i < 5; i++)
        {
            using var stats = await player.Http.GetAsync($"/api/stats?bankroll={500_000 + i}&targetRisk=0.0{i + 1}&points={10 + i}");
            Assert.True(stats.IsSuccessStatusCode, await stats.Content.ReadAsStringAsync());
        }

        var server = redis.GetServers()[0];
        Assert.Empty(await server.KeysAsync(pattern: "*stats:*").ToListAsync());
    }

    [Fact]
    public async Task Session_import_and_row_quotas_answer_clearly()
    {
        using var api = engines.CreateApi(("Sessions:MaxSessionsPerPlayer", "2"));
        using var player = api.NewPlayer();
        foreach (var _ in new[] { 1, 2 })
        {
            var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
            await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut = 10_000 });
        }

        using var third = await player.SendAsync(HttpMethod.Post, "/api/sessions", PlayerClient.Cash);
        Assert.Equal((HttpStatusCode)422, third.StatusCode);
        Assert.Contains("2 sessions", await third.Content.ReadAsStringAsync());
        using var import = await Import(player, Rows(1));
        Assert.Equal((HttpStatusCode)422, import.StatusCode);

        using var rowsApi = engines.CreateApi(("RateLimits:ImportRowsPerDay", "3"));
        using var fresh = rowsApi.NewPlayer();
        using var tooMany = await Import(fresh, Rows(4));
        Assert.Equal(HttpStatusCode.TooManyRequests, tooMany.StatusCode); // 4 rows, 3 a day
        Assert.Empty((await fresh.GetAsync("/api/sessions"))["items"]!.AsArray());
        using var two = await Import(fresh, Rows(2));
        Assert.Equal(HttpStatusCode.OK, two.StatusCode);
        using var twoMore = await Import(fresh, Rows(2).Replace("2026-10-0", "2026-11-0", StringComparison.Ordinal)); // 2 rows, 1 left today
        Assert.Equal(HttpStatusCode.TooManyRequests, twoMore.StatusCode);
        Assert.Equal(2, (await fresh.GetAsync("/api/sessions"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_live_stream_cap_holds_across_replicas_and_frees_a_slot_when_a_stream_closes()
    {
        using var a = engines.CreateApi(("RateLimits:StreamsPerUser", "2"));
        using var b = engines.CreateApi(("RateLimits:StreamsPerUser", "2"));
        using var player = a.NewPlayer();
        using var onB = player.On(b);
        await using var first = await SseReader.OpenAsync(player.Http, "/api/me/events");
        await using (var second = await SseReader.OpenAsync(onB.Http, "/api/me/events"))
        {
            Assert.Equal(HttpStatusCode.OK, second.Response.StatusCode);
            await using var third = await SseReader.OpenAsync(player.Http, "/api/me/events");
            Assert.Equal(HttpStatusCode.TooManyRequests, third.Response.StatusCode);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode status;
        do
        {
            await using var again = await SseReader.OpenAsync(onB.Http, "/api/me/events");
            status = again.Response.StatusCode;
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline && await Delay());
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("/api/sessions/{id}/events", "+3")]
    [InlineData("/api/sessions/{id}/events", "3x")]
    [InlineData("/api/sessions/{id}/events", "-1")]
    [InlineData("/api/sessions/{id}/events", "99999999999999999999999")]
    [InlineData("/api/me/events", "1-+2")]
    [InlineData("/api/me/events", " 1 - 2")]
    [InlineData("/api/me/events", "1-2-3")]
    [InlineData("/api/me/events", "abc")]
    public async Task A_malformed_Last_Event_ID_is_a_400_before_the_stream_starts(string path, string lastEventId)
    {
        using var api = engines.CreateApi();
        using var player = api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Get, path.Replace("{id}", id));
        request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        using var response = await player.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bad_input_answers_name_fields_not_internal_types()
    {
        using var api = engines.CreateApi();
        using var player = api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        foreach (var (method, path, body) in new[]
        {
            ("POST", $"/api/sessions/{id}/stack", """{"amount":"lots"}"""),
            ("POST", $"/api/sessions/{id}/stack", """{"amount":1"""),
            ("GET", "/api/sessions?limit=many", ""),
            ("POST", "/api/sessions", """{"kind":"cash","stakes":{"smallBlind":"one"}}"""),
        })
        {
            using var response = await player.SendAsync(new HttpMethod(method), path, body.Length == 0 ? null : body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.DoesNotContain("PokerTracker", text);
            Assert.DoesNotContain("System.", text);
            Assert.DoesNotContain("Int64", text);
        }

        // A field left out is named.
        using var lacking = await player.SendAsync(HttpMethod.Post, $"/api/sessions/{id}/stack", """{"at":"2026-12-01T10:00:00Z"}""");
        Assert.Equal(HttpStatusCode.BadRequest, lacking.StatusCode);
        Assert.Contains("The body lacks the required field amount.", await lacking.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_are_one_line_and_CSV_cells_that_a_spreadsheet_would_run_are_defused_and_restored()
    {
        using var api = engines.CreateApi();
        using var player = api.NewPlayer();
        using var newline = await player.SendAsync(HttpMethod.Post, "/api/sessions", new
        {
            kind = "cash", game = "NLHE", format = "live", venue = "Aria\nroom 2", currency = "USD", stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000,
        });
        Assert.Equal(HttpStatusCode.BadRequest, newline.StatusCode);

        using var huge = await Import(player, "kind,game,format,venue,currency,started_at,ended_at,small_blind,big_blind,total_buy_in,cash_out,break_seconds\n"
            + "cash,NLHE,live,Aria,USD,2026-10-01T18:00:00Z,2026-10-01T22:00:00Z,100,200,20000,30000,9223372036854775807\n");
        Assert.Equal((HttpStatusCode)422, huge.StatusCode);
        Assert.Contains("break_seconds", await huge.Content.ReadAsStringAsync());

        using var imported = await Import(player, "kind,game,format,venue,currency,tags,started_at,ended_at,small_blind,big_blind,total_buy_in,cash_out\n"
            + "cash,NLHE,live,\"=HYPERLINK(\"\"http://evil.example\"\")\",USD,@home;+ev,2026-10-01T18:00:00Z,2026-10-01T22:00:00Z,100,200,20000,30000\n");
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var venue = (await player.GetAsync("/api/sessions"))["items"]![0]!["venue"]!.GetValue<string>();
        Assert.Equal("=HYPERLINK(\"http://evil.example\")", venue); // stored as the player wrote it

        // The export only reaches the analytics store through the pipeline; its cells are checked on the formatter here.
        Assert.Equal("'=HYPERLINK(1)", PokerTracker.SessionApi.Csv.CsvFormat.Defuse("=HYPERLINK(1)"));
        Assert.Equal("'@home;+ev", PokerTracker.SessionApi.Csv.CsvFormat.Defuse("@home;+ev"));
        Assert.Equal("Aria", PokerTracker.SessionApi.Csv.CsvFormat.Defuse("Aria"));
        Assert.Equal("=SUM(A1)", PokerTracker.SessionApi.Csv.CsvFormat.Restore(PokerTracker.SessionApi.Csv.CsvFormat.Defuse("=SUM(A1)")));
        Assert.Equal("'quoted", PokerTracker.SessionApi.Csv.CsvFormat.Restore("'quoted"));
    }

    private static string Rows(int count)
    {
        var csv = new StringBuilder("kind,game,format,venue,currency,started_at,ended_at,small_blind,big_blind,total_buy_in,cash_out\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append($"cash,NLHE,live,Aria,USD,2026-10-{i + 1:00}T18:00:00Z,2026-10-{i + 1:00}T22:00:00Z,100,200,20000,{25_000 + i}\n");
        }

        return csv.ToString();
    }

    private static Task<HttpResponseMessage> Import(PlayerClient player, string csv) =>
        player.Http.PostAsync("/api/sessions/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }
}
