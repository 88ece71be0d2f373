using System.Net;
using System.Text.Json.Nodes;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>Every REST endpoint's happy path, against real Redis and the Kafka-protocol broker.</summary>
[Collection(Engines.Collection)]
public sealed class RestApiTests(EnginesFixture engines)
{
    private readonly ApiFactory _api = engines.SharedApi;

    [Fact]
    public async Task A_cash_session_from_start_to_correction_and_discard()
    {
        using var player = _api.NewPlayer();
        var started = await player.StartCashAsync();
        var id = started["id"]!.GetValue<string>();
        Assert.Equal("active", started["status"]!.GetValue<string>());
        Assert.Equal(2, started["version"]!.GetValue<long>()); // SessionStarted + initial buy-in
        Assert.Equal(20_000, started["totals"]!["invested"]!.GetValue<long>());

        await player.PostOkAsync($"/api/sessions/{id}/buy-ins", new { kind = "rebuy", amount = 10_000 });
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 41_000 });
        await player.PostOkAsync($"/api/sessions/{id}/notes", new { text = "Flopped a set vs the reg in seat 4" });
        await player.PostOkAsync($"/api/sessions/{id}/expenses", new { kind = "food", amount = 1_500, description = "dinner" });
        await player.PostOkAsync($"/api/sessions/{id}/breaks/start");
        var onBreak = await player.GetAsync($"/api/sessions/{id}");
        Assert.True(onBreak["onBreak"]!.GetValue<bool>());
        await player.PostOkAsync($"/api/sessions/{id}/breaks/end", new { });
        var ended = await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut = 52_000, handsPlayed = 90 });
        Assert.Equal("ended", ended["status"]!.GetValue<string>());
        Assert.Equal(52_000 - 30_000 - 1_500, ended["totals"]!["netResult"]!.GetValue<long>());
        Assert.Equal(9, ended["version"]!.GetValue<long>());

        var stack = (await player.Http.GetFromJsonArrayAsync($"/api/sessions/{id}/stack"))!;
        Assert.Equal([20_000L, 30_000L, 41_000L, 52_000L], stack.Select(p => p!["amount"]!.GetValue<long>())); // the buy-in starts the chart, the rebuy's chips join it, the update, the cash-out ends it

        using var patch = await player.SendAsync(HttpMethod.Patch, $"/api/sessions/{id}", new { reason = "miscounted", cashOut = 53_000, venue = "Wynn" }, ifMatch: "\"9\"");
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal("\"10\"", patch.Headers.ETag!.ToString());
        var corrected = await player.GetAsync($"/api/sessions/{id}");
        Assert.Equal("Wynn", corrected["venue"]!.GetValue<string>());
        Assert.Equal(21_500, corrected["totals"]!["netResult"]!.GetValue<long>());
        Assert.Equal(1, corrected["corrections"]!.GetValue<int>());
        Assert.Equal(53_000, corrected["totals"]!["peakStack"]!.GetValue<long>());
        var chart = (await player.Http.GetFromJsonArrayAsync($"/api/sessions/{id}/stack"))!;
        Assert.Equal([20_000L, 30_000L, 41_000L, 53_000L], chart.Select(p => p!["amount"]!.GetValue<long>())); // the cash-out's point moved, none added

        // Sat down an hour before the app was opened: the first buy-in and its point on the chart move with the start.
        var earlier = DateTimeOffset.FromUnixTimeSeconds(started["startedAt"]!.GetValue<DateTimeOffset>().ToUnixTimeSeconds() - 3_600);
        using (var moved = await player.SendAsync(HttpMethod.Patch, $"/api/sessions/{id}", new { reason = "started earlier", startedAt = earlier }, ifMatch: "\"10\""))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        var fromEarlier = await player.GetAsync($"/api/sessions/{id}");
        Assert.Equal(earlier, fromEarlier["buyIns"]!.AsArray()[0]!["at"]!.GetValue<DateTimeOffset>());
        var movedChart = (await player.Http.GetFromJsonArrayAsync($"/api/sessions/{id}/stack"))!;
        Assert.Equal((earlier, 20_000L), (movedChart[0]!["at"]!.GetValue<DateTimeOffset>(), movedChart[0]!["amount"]!.GetValue<long>()));

        using var stale = await player.SendAsync(HttpMethod.Patch, $"/api/sessions/{id}", new { venue = "Aria" }, ifMatch: "\"9\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        // The dinner was on the house: the expense is taken back after the end, and the net goes up by it.
        var dinner = corrected["expenses"]!.AsArray().Single()!["sequence"]!.GetValue<long>();
        using (var taken = await player.SendAsync(HttpMethod.Delete, $"/api/sessions/{id}/expenses/{dinner}"))
        {
            Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        }

        var without = await player.GetAsync($"/api/sessions/{id}");
        Assert.Equal(23_000, without["totals"]!["netResult"]!.GetValue<long>());
        Assert.Equal(0, without["totals"]!["expenses"]!.GetValue<long>());
        Assert.Empty(without["expenses"]!.AsArray());
        using (var again = await player.SendAsync(HttpMethod.Delete, $"/api/sessions/{id}/expenses/{dinner}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
            Assert.Contains($"no expense #{dinner}", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var discard = await player.SendAsync(HttpMethod.Delete, $"/api/sessions/{id}?reason=test");
        Assert.Equal(HttpStatusCode.OK, discard.StatusCode);
        var gone = await player.GetAsync($"/api/sessions/{id}");
        Assert.Equal("discarded", gone["status"]!.GetValue<string>());
        Assert.Equal("test", gone["discardReason"]!.GetValue<string>());
        Assert.True(gone["discardedAt"]!.GetValue<DateTimeOffset>() >= gone["endedAt"]!.GetValue<DateTimeOffset>());
        // Its page still shows it as corrected: the chart ends at the corrected cash-out, as its result counts it.
        var discardedChart = (await player.Http.GetFromJsonArrayAsync($"/api/sessions/{id}/stack"))!;
        Assert.Equal(53_000L, discardedChart[^1]!["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_tournament_starts_through_the_alias_and_ends_with_its_placing()
    {
        using var player = _api.NewPlayer();
        using var created = await player.SendAsync(HttpMethod.Post, "/session/start", new
        {
            kind = "tournament", game = "PLO", format = "live", venue = "Venetian", currency = "USD",
            tournament = new { buyIn = 30_000, fee = 3_000, startingStack = 20_000 },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        Assert.Equal($"/api/sessions/{id}", created.Headers.Location!.ToString());
        await player.PostOkAsync($"/api/sessions/{id}/buy-ins", new { kind = "add-on", amount = 10_000 });
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 31_500 });
        // The chart (and the account's export of it) starts at the starting stack.
        var started = (await player.Http.GetFromJsonArrayAsync($"/api/sessions/{id}/stack"))!;
        Assert.Equal([20_000L, 31_500L], started.Select(p => p!["amount"]!.GetValue<long>()));
        var ended = await player.PostOkAsync($"/api/sessions/{id}/end", new { prize = 120_000, finishPosition = 4, fieldSize = 88 });
        Assert.Equal(120_000 - 43_000, ended["totals"]!["netResult"]!.GetValue<long>());
        Assert.Equal(4, ended["finishPosition"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_session_list_pages_with_an_opaque_cursor_and_filters_by_status()
    {
        using var player = _api.NewPlayer();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var s = await player.StartCashAsync(new
            {
                kind = "cash", game = "NLHE", format = "live", venue = $"Club {i}", currency = "EUR",
                stakes = new { smallBlind = 50, bigBlind = 100 }, startedAt = DateTimeOffset.UtcNow.AddHours(-10 + i),
            });
            ids.Add(s["id"]!.GetValue<string>());
            if (i < 4)
            {
                await player.PostOkAsync($"/api/sessions/{ids[^1]}/end", new { cashOut = 10_000 });
            }
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await player.GetAsync($"/api/sessions?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page["items"]!.AsArray().Select(x => x!["id"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(ids), seen);
        var ended = await player.GetAsync("/api/sessions?status=ended&limit=10");
        Assert.Equal(4, ended["items"]!.AsArray().Count);
        var active = await player.GetAsync("/api/sessions?status=active");
        Assert.Equal(ids[4], Assert.Single(active["items"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Running_sessions_are_listed_from_the_live_store_alone_page_by_page()
    {
        // The analytics store is away, and the player's ended session has left the live store (a day after its end).
        using var away = engines.CreateApi(("ConnectionStrings:clickhouse", "Host=127.0.0.1;Port=1;Protocol=http;Username=default;Password=x"));
        using var player = away.NewPlayer();
        var ended = (await player.StartCashAsync())["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{ended}/end", new { cashOut = 10_000 });
        var first = (await player.StartCashAsync())["id"]!.GetValue<string>();
        await Task.Delay(10);
        var second = (await player.StartCashAsync())["id"]!.GetValue<string>();
        await using (var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString))
        {
            Assert.True(await redis.GetDatabase().KeyDeleteAsync(PokerTracker.SharedKernel.LiveStore.LiveStoreKeys.Session(Guid.Parse(ended))));
        }

        // The Play screen still lists what runs, newest first, a page at a time.
        var page = await player.GetAsync("/api/sessions?status=active&limit=1");
        Assert.Equal(second, Assert.Single(page["items"]!.AsArray())!["id"]!.GetValue<string>());
        page = await player.GetAsync($"/api/sessions?status=active&limit=1&cursor={page["nextCursor"]!.GetValue<string>()}");
        Assert.Equal(first, Assert.Single(page["items"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Null(page["nextCursor"]);

        // The whole history needs the analytics store: that says so.
        using var all = await player.Http.GetAsync("/api/sessions");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, all.StatusCode);
    }

    [Fact]
    public async Task The_API_describes_itself_and_reports_its_health()
    {
        using var anonymous = _api.CreateClient();
        var openApi = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        Assert.NotNull(openApi["paths"]!["/api/sessions/{id}/buy-ins"]);
        using var scalar = await anonymous.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        var health = JsonNode.Parse(await anonymous.GetStringAsync("/health"))!;
        Assert.Equal("healthy", health["status"]!.GetValue<string>());
        Assert.Equal("connected", health["dependencies"]!["redis"]!.GetValue<string>());
        Assert.Equal("connected", health["dependencies"]!["kafka"]!.GetValue<string>());
    }

    [Fact]
    public async Task Money_limits_say_their_currency_and_a_sessions_own_limits_are_in_its_currency()
    {
        using var player = _api.NewPlayer();
        using (var unsaid = await player.SendAsync(HttpMethod.Put, "/api/me/guards", new { stopLoss = 20_000 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unsaid.StatusCode); // 20,000 of what?
            Assert.Contains("currency", await unsaid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var buyIns in new[] { 0, 0.001, 101 })
        {
            using var nonsense = await player.SendAsync(HttpMethod.Put, "/api/me/guards", new { stopLossBuyIns = buyIns });
            Assert.Equal(HttpStatusCode.BadRequest, nonsense.StatusCode);
            Assert.Contains("Must be from 0.1 to 100 buy-ins", await nonsense.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var time = await player.SendAsync(HttpMethod.Put, "/api/me/guards", new { maxDurationMinutes = 240 }))
        {
            Assert.Equal(HttpStatusCode.OK, time.StatusCode); // no amount, no currency needed
        }

        using (var said = await player.SendAsync(HttpMethod.Put, "/api/me/guards", new { stopLoss = 20_000, currency = "USD" }))
        {
            Assert.Equal(HttpStatusCode.OK, said.StatusCode);
        }

        var mine = await player.GetAsync("/api/me/guards");
        Assert.Equal("USD", mine["currency"]!.GetValue<string>());
        Assert.Null(mine["any"]); // not part of the answer

        var yen = (await player.StartCashAsync(new { kind = "cash", game = "NLHE", format = "live", venue = "Kabukicho", currency = "JPY", stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000 }))["id"]!.GetValue<string>();
        // A session's limits are in its currency: ¥5,000 is not $50.00, and dollars are not taken for yen.
        using (var dollars = await player.SendAsync(HttpMethod.Put, $"/api/sessions/{yen}/guards", new { stopLoss = 5_000, currency = "USD" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, dollars.StatusCode);
            Assert.Contains("This session is in JPY", await dollars.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var own = await player.SendAsync(HttpMethod.Put, $"/api/sessions/{yen}/guards", new { stopLoss = 5_000 }))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        Assert.Equal("JPY", (await player.GetAsync($"/api/sessions/{yen}/guards"))["currency"]!.GetValue<string>());
    }
}

internal static class HttpJsonExtensions
{
    public static async Task<JsonArray?> GetFromJsonArrayAsync(this HttpClient http, string path) =>
        JsonNode.Parse(await http.GetStringAsync(path))?.AsArray();
}
