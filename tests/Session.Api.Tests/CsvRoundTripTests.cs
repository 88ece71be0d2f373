using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PokerTracker.SessionApi.Csv;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>Export → import into another account → the same statistics; re-import adds nothing; bad files change nothing.</summary>
[Collection(Engines.Collection)]
public sealed partial class CsvRoundTripTests(EnginesFixture engines) : IDisposable
{
    private static readonly TimeSpan Join = TimeSpan.FromSeconds(45);
    private readonly ApiFactory _api = engines.SharedApi;
    private AnalyticsWorkerFactory? _worker;

    public void Dispose() => _worker?.Dispose();

    /// <summary>Starts an analytics worker, for a test that reads statistics (the others need none).</summary>
    private void StartWorker() => _worker ??= engines.StartWorker();

    [Fact]
    public async Task A_CSV_export_imported_by_another_player_gives_identical_statistics()
    {
        StartWorker();
        using var a = _api.NewPlayer();
        await PlayVariedAsync(a);
        var statsA = (await Pipeline.WaitForStatsAsync(a, s => s["sessions"]!.GetValue<int>() == 3, Join, "?bankroll=500000")).Stats;

        var csv = await a.Http.GetStringAsync("/api/sessions/export.csv");
        Assert.StartsWith("session_id,kind,game,game_name,format,venue,currency,tags,started_at,ended_at,time_zone,break_seconds", csv);
        Assert.Contains(",America/Los_Angeles,", csv); // the cash game's times at the table's clock, with its zone
        Assert.Equal(4, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        using var b = _api.NewPlayer();
        var imported = await Import(b, csv);
        Assert.Equal(HttpStatusCode.OK, imported.Status);
        Assert.Equal(3, imported.Body["imported"]!.GetValue<int>());
        var statsB = (await Pipeline.WaitForStatsAsync(b, s => s["sessions"]!.GetValue<int>() == 3, Join, "?bankroll=500000")).Stats;
        Assert.Equal(WithoutIds(statsA), WithoutIds(statsB));
        // The cash game's two notes travel in one quoted cell, one per line, and come back as two notes.
        Assert.Contains("\"Seat 4 overbets the river with air\nTable broke, moved to 5/10\"", csv);
        var plo = (await b.GetAsync("/api/sessions?limit=50"))["items"]!.AsArray().Single(i => i!["game"]!.GetValue<string>() == "PLO")!["id"]!.GetValue<string>();
        Assert.Equal(["Seat 4 overbets the river with air", "Table broke, moved to 5/10"],
            (await b.GetAsync($"/api/sessions/{plo}"))["notes"]!.AsArray().Select(n => n!["text"]!.GetValue<string>()));

        // The player's own export imported again (a backup restored): every row names a session they have.
        var own = await Import(a, csv);
        Assert.True(own.Status == HttpStatusCode.OK, own.Body.ToJsonString());
        Assert.Equal(0, own.Body["imported"]!.GetValue<int>());
        Assert.Equal(3, own.Body["alreadyPresent"]!.GetValue<int>());
        Assert.Equal(3, (await a.GetAsync("/api/sessions?limit=50"))["items"]!.AsArray().Count);

        var again = await Import(b, csv);
        Assert.Equal(0, again.Body["imported"]!.GetValue<int>());
        Assert.Equal(3, again.Body["alreadyPresent"]!.GetValue<int>());
        Assert.Equal(3, (await b.GetAsync("/api/sessions?limit=50"))["items"]!.AsArray().Count);

        // Days later, the idempotency records are gone: the file still adds nothing.
        using (var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString + ",allowAdmin=true"))
        {
            var keys = await redis.GetServers()[0].KeysAsync(pattern: $"pt:idem:{b.UserId}:*").ToListAsync();
            Assert.NotEmpty(keys);
            await redis.GetDatabase().KeyDeleteAsync([.. keys]);
        }

        var later = await Import(b, csv);
        Assert.Equal(0, later.Body["imported"]!.GetValue<int>());
        Assert.Equal(3, later.Body["alreadyPresent"]!.GetValue<int>());
        Assert.Equal(3, (await b.GetAsync("/api/sessions?limit=50"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_file_with_errors_is_reported_row_by_row_and_nothing_is_imported()
    {
        using var player = _api.NewPlayer();
        var csv = new StringBuilder("kind,game,format,venue,currency,started_at,ended_at,small_blind,big_blind,total_buy_in,cash_out\r\n");
        csv.Append("cash,NLHE,live,Aria,USD,2026-10-01T18:00:00.000Z,2026-10-01T22:00:00.000Z,100,200,20000,35000\r\n");
        csv.Append("cash,NLHE,live,Aria,dollars,2026-10-02T18:00:00.000Z,2026-10-02T22:00:00.000Z,100,200,20000,35000\r\n");
        csv.Append("cash,Bridge,live,Aria,USD,2026-10-03T18:00:00.000Z,2026-10-03T17:00:00.000Z,100,200,lots,35000\r\n");
        csv.Append("poker,NLHE,live,Aria,USD,2026-10-04T18:00:00.000Z,2026-10-04T22:00:00.000Z,100,200,20000,35000\r\n");
        var result = await Import(player, csv.ToString());
        // An amount that is not one is said once, in its own column (not again as a net result that does not add up).
        var dollars = await Import(player, "kind,game,format,venue,currency,started_at,ended_at,small_blind,big_blind,total_buy_in,cash_out,net_result\r\n"
            + "cash,NLHE,live,Aria,USD,2026-10-01T18:00:00.000Z,2026-10-01T22:00:00.000Z,100,200,300.0O,35000,5000\r\n");
        Assert.Equal([(2, "total_buy_in")], dollars.Body["rowErrors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>())));
        Assert.Equal((HttpStatusCode)422, result.Status);
        var errors = result.Body["rowErrors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>())).ToList();
        Assert.Contains((3, "currency"), errors);
        Assert.Contains((4, "total_buy_in"), errors);
        Assert.Contains((5, "kind"), errors);
        Assert.DoesNotContain(errors, e => e.Item1 == 5 && e.Item2 != "kind"); // not the columns of a tournament it is not
        Assert.DoesNotContain(errors, e => e.Item1 == 2);
        Assert.Empty((await player.GetAsync("/api/sessions"))["items"]!.AsArray());
    }

    [Fact]
    public async Task The_export_round_tripped_through_LF_line_endings_imports_every_session()
    {
        StartWorker();
        using var a = _api.NewPlayer();
        await PlayVariedAsync(a);
        var statsA = (await Pipeline.WaitForStatsAsync(a, s => s["sessions"]!.GetValue<int>() == 3, Join)).Stats;
        var lf = (await a.Http.GetStringAsync("/api/sessions/export.csv")).Replace("\r\n", "\n");

        using var b = _api.NewPlayer();
        var imported = await Import(b, lf);
        Assert.Equal(HttpStatusCode.OK, imported.Status);
        Assert.Equal(3, imported.Body["rows"]!.GetValue<int>());
        Assert.Equal(3, imported.Body["imported"]!.GetValue<int>());
        var statsB = (await Pipeline.WaitForStatsAsync(b, s => s["sessions"]!.GetValue<int>() == 3, Join)).Stats;
        Assert.Equal(WithoutIds(statsA), WithoutIds(statsB));
    }

    /// <summary>A month's figures are those of the sessions that started in it: one across midnight at the month's end is in one month, not two.</summary>
    [Fact]
    public async Task A_date_range_takes_each_session_once_by_its_start()
    {
        StartWorker();
        using var player = _api.NewPlayer();
        (string Start, string End, int CashOut)[] played =
        [
            ("2026-08-30T20:00:00Z", "2026-08-30T23:00:00Z", 25_000),
            ("2026-08-31T22:30:00Z", "2026-09-01T03:00:00Z", 18_000), // across midnight into September
            ("2026-09-02T20:00:00Z", "2026-09-02T23:00:00Z", 30_000),
        ];
        var rows = played.Select(p => $"cash,NLHE,live,Aria,USD,{p.Start},{p.End},100,200,20000,{p.CashOut}");
        var csv = string.Join('\n', ["kind,game,format,venue,currency,started_at,ended_at,small_blind,big_blind,total_buy_in,cash_out", .. rows]);
        Assert.Equal(HttpStatusCode.OK, (await Import(player, csv)).Status);
        await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 3, Join);

        var august = (await Pipeline.WaitForStatsAsync(player, _ => true, Join, "?from=2026-08-01T00:00:00Z&to=2026-08-31T23:59:59.999Z")).Stats;
        var september = (await Pipeline.WaitForStatsAsync(player, _ => true, Join, "?from=2026-09-01T00:00:00Z&to=2026-09-30T23:59:59.999Z")).Stats;
        Assert.Equal((2, 5_000 - 2_000), (august["sessions"]!.GetValue<int>(), august["netResult"]!.GetValue<long>()));
        Assert.Equal((1, 10_000), (september["sessions"]!.GetValue<int>(), september["netResult"]!.GetValue<long>()));
        var listed = await player.GetAsync("/api/stats/sessions?from=2026-09-01T00:00:00Z&to=2026-09-30T23:59:59.999Z");
        Assert.Equal(1, listed["total"]!.GetValue<int>());

        // Dates alone are whole days where the player is: in Los Angeles the session that started at
        // 22:30 UTC on Aug 31 (15:30 there) is August's, and so is the whole of Aug 31, not its first minute.
        var days = (await Pipeline.WaitForStatsAsync(player, _ => true, Join, "?from=2026-08-31&to=2026-08-31&timeZone=America/Los_Angeles")).Stats;
        Assert.Equal((1, -2_000), (days["sessions"]!.GetValue<int>(), days["netResult"]!.GetValue<long>()));
        var utc = (await Pipeline.WaitForStatsAsync(player, _ => true, Join, "?from=2026-08-01&to=2026-08-31&venue=%20aria%20")).Stats;
        Assert.Equal((2, 5_000 - 2_000), (utc["sessions"]!.GetValue<int>(), utc["netResult"]!.GetValue<long>()));
    }

    [Theory]
    [InlineData("kind,game,format,venue,currency,started_at,ended_at,total_buy_in\n")]
    [InlineData("kind;game;format;venue;currency;started_at;ended_at;total_buy_in\r\n\r\n")]
    [InlineData("kind,game,format,venue,currency,started_at,ended_at,total_buy_in\r\n,,,,,,,\r\n , ,,,,,,\r\n")]
    public async Task A_file_without_any_session_row_is_refused_with_422(string csv)
    {
        using var player = _api.NewPlayer();
        var result = await Import(player, csv);
        Assert.Equal((HttpStatusCode)422, result.Status);
        Assert.Contains("no session rows", result.Body["rowErrors"]![0]!["message"]!.GetValue<string>());
    }

    private static async Task PlayVariedAsync(PlayerClient player)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-3);
        var cash = (await player.StartCashAsync(new
        {
            kind = "cash", game = "PLO", format = "live", venue = "Commerce", currency = "USD", tags = new[] { "home", "deep" },
            stakes = new { smallBlind = 200, bigBlind = 500, straddle = 1000 }, buyIn = 50_000, startedAt = start, timeZone = "America/Los_Angeles",
        }))["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{cash}/buy-ins", new { kind = "rebuy", amount = 50_000, at = start.AddHours(1) });
        await player.PostOkAsync($"/api/sessions/{cash}/expenses", new { kind = "tips", amount = 2_500, at = start.AddHours(2) });
        await player.PostOkAsync($"/api/sessions/{cash}/notes", new { text = "Seat 4 overbets the river with air", at = start.AddHours(1) });
        await player.PostOkAsync($"/api/sessions/{cash}/notes", new { text = "Table broke, moved to 5/10", at = start.AddHours(3) });
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

    /// <summary>
    /// An export taken the moment an import (or a cash-out) is answered holds it: nothing just saved is
    /// left out. The file is years of sessions: more than one query's worth of ids is looked up.
    /// </summary>
    [Fact]
    public async Task An_export_right_after_an_import_holds_every_session_just_imported()
    {
        using var player = _api.NewPlayer();
        var first = new DateTime(2024, 9, 1, 18, 0, 0, DateTimeKind.Utc);
        var rows = string.Concat(Enumerable.Range(0, 600).Select(d =>
            $"cash,NLHE,live,Aria,USD,{first.AddDays(d):yyyy-MM-ddTHH:mm:ssZ},{first.AddDays(d).AddHours(4):yyyy-MM-ddTHH:mm:ssZ},100,200,20000,{20_000 + d * 100}\n"));
        var (status, body) = await Import(player, "kind,game,format,venue,currency,started_at,ended_at,small_blind,big_blind,total_buy_in,cash_out\n" + rows);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(600, body["imported"]!.GetValue<int>());

        var csv = await player.Http.GetStringAsync("/api/sessions/export.csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(601, lines.Length); // the header and the sessions, oldest first
        Assert.Contains("2024-09-01T18:00:00", lines[1], StringComparison.Ordinal);
        Assert.Contains("2026-04-23T18:00:00", lines[600], StringComparison.Ordinal);
    }

    /// <summary>
    /// An import stopped within a row (the server restarted between two of its steps) and run again
    /// makes only the steps it had not made: the expense is not charged twice, the break not taken
    /// twice, and the session ends. Days later, once the idempotency records have lapsed; or within
    /// the day, after an import by the release before, which keyed its steps by name.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_import_stopped_within_a_row_and_run_again_makes_each_step_once(bool keyedByName)
    {
        using var player = _api.NewPlayer();
        const string csv = "kind,game,format,venue,currency,started_at,ended_at,break_seconds,small_blind,big_blind,total_buy_in,total_expenses,cash_out,notes\r\n"
            + "cash,NLHE,live,Aria,USD,2026-10-01T18:00:00.000Z,2026-10-01T22:00:00.000Z,1800,100,200,20000,500,35000,\"Seat 3 limps a lot\nTable broke\"\r\n";

        // The first run: the session started, its expense and its break made, then the server stopped.
        var caller = new PokerTracker.SessionApi.Accounts.Caller(player.UserId, PokerTracker.SessionApi.Accounts.Roles.Free);
        var importer = _api.Services.GetRequiredService<CsvImporter>();
        var sessions = _api.Services.GetRequiredService<PokerTracker.SessionApi.Sessions.SessionService>();
        var plan = Assert.Single(await importer.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), null, null, CancellationToken.None));
        Assert.Equal(["expense", "break-start", "break-end", "note-0", "note-1", "end"], plan.Steps.Select(s => s.Name));
        var started = await sessions.StartAsync(caller, plan.Start, plan.Key("start"), imported: true);
        foreach (var step in plan.Steps.Take(3))
        {
            var key = keyedByName ? plan.Key(step.Name) : plan.StepKey(caller, step.Name).ToString();
            await sessions.ChangeAsync(caller, started.Session.Id, step.Command, key, null, imported: true);
        }

        if (!keyedByName)
        {
            // Days later: the idempotency records are gone.
            using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString + ",allowAdmin=true");
            var keys = await redis.GetServers()[0].KeysAsync(pattern: $"pt:idem:{player.UserId}:*").ToListAsync();
            Assert.Equal(4, keys.Count);
            await redis.GetDatabase().KeyDeleteAsync([.. keys]);
        }

        var (status, body) = await Import(player, csv);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(1, body["alreadyPresent"]!.GetValue<int>());
        var session = await player.GetAsync($"/api/sessions/{started.Session.Id}");
        Assert.Equal("ended", session["status"]!.GetValue<string>());
        Assert.Single(session["expenses"]!.AsArray());
        Assert.Single(session["breaks"]!.AsArray());
        Assert.Equal(2, session["notes"]!.AsArray().Count);
        Assert.Equal(500, session["totals"]!["expenses"]!.GetValue<long>());
        Assert.Equal(210, session["totals"]!["playingMinutes"]!.GetValue<int>()); // 4 h less the half-hour break
        Assert.Equal(14_500, session["totals"]!["netResult"]!.GetValue<long>());
        Assert.Single((await player.GetAsync("/api/sessions?limit=50"))["items"]!.AsArray());
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> Import(PlayerClient player, string csv, string? timeZone = null, string? dates = null)
    {
        var query = string.Join('&', new[] { ("timeZone", timeZone), ("dates", dates) }.Where(q => q.Item2 is not null).Select(q => $"{q.Item1}={Uri.EscapeDataString(q.Item2!)}"));
        using var response = await player.Http.PostAsync(query.Length == 0 ? "/api/sessions/import" : $"/api/sessions/import?{query}",
            new StringContent(csv, Encoding.UTF8, "text/csv"));
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
