using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PokerTracker.SessionApi.Tests;

namespace PokerTracker.Analytics.Tests;

/// <summary>Export → import into another account → the same statistics; re-import adds nothing; bad files change nothing.</summary>
[Collection(EnginesCollection.Name)]
public sealed class CsvRoundTripTests(EnginesFixture engines) : IDisposable
{
    private static readonly TimeSpan Join = TimeSpan.FromSeconds(45);
    private readonly ApiFactory _api = engines.CreateApi();
    private readonly WorkerFactory _worker = new WorkerFactory(engines, "csv-" + Guid.NewGuid().ToString("N")).Start();

    public void Dispose()
    {
        _worker.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task A_CSV_export_imported_by_another_player_gives_identical_statistics()
    {
        using var a = _api.NewPlayer();
        await PlayVariedAsync(a);
        var statsA = (await Pipeline.WaitForStatsAsync(a, s => s["sessions"]!.GetValue<int>() == 3, Join, "?bankroll=500000")).Stats;

        var csv = await a.Http.GetStringAsync("/api/sessions/export.csv");
        Assert.StartsWith("session_id,kind,game,game_name,format,venue,currency,tags,started_at,ended_at,break_seconds", csv);
        Assert.Equal(4, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        using var b = _api.NewPlayer();
        var imported = await Import(b, csv);
        Assert.Equal(HttpStatusCode.OK, imported.Status);
        Assert.Equal(3, imported.Body["imported"]!.GetValue<int>());
        var statsB = (await Pipeline.WaitForStatsAsync(b, s => s["sessions"]!.GetValue<int>() == 3, Join, "?bankroll=500000")).Stats;
        Assert.Equal(WithoutIds(statsA), WithoutIds(statsB));

        var again = await Import(b, csv);
        Assert.Equal(0, again.Body["imported"]!.GetValue<int>());
        Assert.Equal(3, again.Body["alreadyPresent"]!.GetValue<int>());
        Assert.Equal(3, (await b.GetAsync("/api/sessions?limit=50"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_file_with_errors_is_reported_row_by_row_and_nothing_is_imported()
    {
        using var player = _api.NewPlayer();
        var csv = new StringBuilder("kind,game,format,venue,currency,started_at,ended_at,small_blind,big_blind,total_buy_in,cash_out\r\n");
        csv.Append("cash,NLHE,live,Aria,USD,2026-10-01T18:00:00.000Z,2026-10-01T22:00:00.000Z,100,200,20000,35000\r\n");
        csv.Append("cash,NLHE,live,Aria,usd,2026-10-02T18:00:00.000Z,2026-10-02T22:00:00.000Z,100,200,20000,35000\r\n");
        csv.Append("cash,Bridge,live,Aria,USD,2026-10-03T18:00:00.000Z,2026-10-03T17:00:00.000Z,100,200,lots,35000\r\n");
        var result = await Import(player, csv.ToString());
        Assert.Equal((HttpStatusCode)422, result.Status);
        var errors = result.Body["rowErrors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>())).ToList();
        Assert.Contains((3, "currency"), errors);
        Assert.Contains((4, "total_buy_in"), errors);
        Assert.DoesNotContain(errors, e => e.Item1 == 2);
        Assert.Empty((await player.GetAsync("/api/sessions"))["items"]!.AsArray());
    }

    private static async Task PlayVariedAsync(PlayerClient player)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-3);
        var cash = (await player.StartCashAsync(new
        {
            kind = "cash", game = "PLO", format = "live", venue = "Commerce", currency = "USD", tags = new[] { "home", "deep" },
            stakes = new { smallBlind = 200, bigBlind = 500, straddle = 1000 }, buyIn = 50_000, startedAt = start,
        }))["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{cash}/buy-ins", new { kind = "rebuy", amount = 50_000, at = start.AddHours(1) });
        await player.PostOkAsync($"/api/sessions/{cash}/expenses", new { kind = "tips", amount = 2_500, at = start.AddHours(2) });
        await player.PostOkAsync($"/api/sessions/{cash}/breaks/start", new { at = start.AddHours(2) });
        await player.PostOkAsync($"/api/sessions/{cash}/breaks/end", new { at = start.AddHours(2.5) });
        await player.PostOkAsync($"/api/sessions/{cash}/end", new { at = start.AddHours(6), cashOut = 163_000, handsPlayed = 150 });

        var t = (await player.StartCashAsync(new
        {
            kind = "tournament", game = "NLHE", format = "live", venue = "Aria", currency = "USD",
            tournament = new { buyIn = 30_000, fee = 3_000 }, startedAt = start.AddDays(1),
        }))["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{t}/buy-ins", new { kind = "add-on", amount = 10_000, at = start.AddDays(1).AddHours(2) });
        await player.PostOkAsync($"/api/sessions/{t}/end", new { at = start.AddDays(1).AddHours(7), prize = 95_000, finishPosition = 5, fieldSize = 140 });

        var small = (await player.StartCashAsync(new
        {
            kind = "cash", game = "NLHE", format = "online", venue = "Site", currency = "USD",
            stakes = new { smallBlind = 50, bigBlind = 100 }, buyIn = 10_000, startedAt = start.AddDays(2),
        }))["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{small}/end", new { at = start.AddDays(2).AddHours(1.75), cashOut = 0 });
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> Import(PlayerClient player, string csv)
    {
        using var response = await player.Http.PostAsync("/api/sessions/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    /// <summary>The statistics without session ids, which differ between the two accounts by design.</summary>
    private static string WithoutIds(JsonObject stats)
    {
        var copy = JsonNode.Parse(stats.ToJsonString())!.AsObject();
        foreach (var key in new[] { "best", "worst" })
        {
            copy[key]?.AsObject().Remove("sessionId");
        }

        foreach (var point in copy["cumulative"]!.AsArray())
        {
            point!.AsObject().Remove("sessionId");
        }

        return copy.ToJsonString();
    }
}
