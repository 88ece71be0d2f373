using Microsoft.Extensions.DependencyInjection;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PokerTracker.Contracts;
using PokerTracker.HandHistories.Statistics;
using PokerTracker.TestSupport;
using PokerTracker.Trainer.Cards;

namespace PokerTracker.Analytics.Tests;

/// <summary>
/// Hand histories end to end through the real engines: uploaded (a file, a form, a zip), parsed,
/// new hands through the outbox and Kafka into ClickHouse, and the hero's statistics computed
/// there — checked against the worked examples' values worked out by hand.
/// </summary>
[Collection(Engines.Collection)]
public sealed partial class HandImportPipelineTests(EnginesFixture engines) : IDisposable
{
    private readonly ApiFactory _api = engines.SharedApi;
    private readonly AnalyticsWorkerFactory _worker = engines.StartWorker();

    public void Dispose() => _worker.Dispose();

    [Fact]
    public async Task Worked_examples_are_imported_once_and_their_statistics_match_the_hand_worked_values()
    {
        using var player = _api.NewPlayer();
        var report = await ImportAsync(player, File.ReadAllBytes(Hands("worked-examples.txt")), "text/plain");
        Assert.Equal(("done", 4, 4, 0, 0), Counts(report));
        Assert.Equal("PokerStars", report["files"]![0]!["format"]!.GetValue<string>());
        await WaitForHeroHandsAsync(player, 4);

        var stats = await player.GetAsync("/api/hands/stats");
        var all = stats["overall"]!;
        Assert.Equal(4, all["hands"]!.GetValue<long>());
        // Hero: +6.5bb (a 3-bet taking a 0.95 pot), +35.6bb (tournament side pot), -8.5bb (PLO c-bet, folded river), -0.25bb (run twice, split).
        Assert.Equal(33.35m, all["bigBlindsWon"]!.GetValue<decimal>());
        Assert.Equal(833.75m, all["bigBlindsPer100"]!.GetValue<decimal>());
        Assert.Equal(1m, all["vpip"]!.GetValue<decimal>());
        Assert.Equal(0.75m, all["pfr"]!.GetValue<decimal>());
        Assert.Equal(0.5m, all["threeBet"]!.GetValue<decimal>());
        Assert.Equal(0m, all["foldToThreeBet"]!.GetValue<decimal>());
        Assert.Equal(1m, all["continuationBet"]!.GetValue<decimal>());
        Assert.Equal(0.6667m, all["wentToShowdown"]!.GetValue<decimal>());
        Assert.Equal(1m, all["wonAtShowdown"]!.GetValue<decimal>());
        Assert.Null(all["aggressionFactor"]); // one flop bet, no postflop call
        Assert.Equal((1, 0), (all["postflopBetsAndRaises"]!.GetValue<int>(), all["postflopCalls"]!.GetValue<int>()));
        // The run-twice hand went in preflop with kings against ace-queen: judged by equity instead of the split.
        var equity = AllInEquity.Equity([Card.Parse("Kc"), Card.Parse("Kh")], [Card.Parse("Ad"), Card.Parse("Qd")], []);
        var adjusted = (long)Math.Round(equity * 29900, MidpointRounding.AwayFromZero) - 15000;
        Assert.Equal(Math.Round(6.5m + 35.6m - 8.5m + adjusted / 200m, 2), all["allInAdjustedBigBlindsWon"]!.GetValue<decimal>());
        var results = all["results"]!.AsArray();
        Assert.Equal(("CHIPS", 1L, 3560L), Result(results[0]!));
        Assert.Equal(("USD", 3L, 65L - 425 - 50), Result(results[1]!));
        Assert.Equal(65 - 425 - 15000 + (long)Math.Round(equity * 29900, MidpointRounding.AwayFromZero), results[1]!["allInAdjustedNet"]!.GetValue<long>());
        Assert.Equal(2, stats["byPosition"]!["CO"]!["hands"]!.GetValue<long>());
        Assert.Equal(-8.5m, stats["byPosition"]!["BTN"]!["bigBlindsWon"]!.GetValue<decimal>());

        var usd = (await player.GetAsync("/api/hands/stats?currency=USD&position=CO"))["overall"]!;
        Assert.Equal((1L, -0.25m), (usd["hands"]!.GetValue<long>(), usd["bigBlindsWon"]!.GetValue<decimal>()));

        // The same file again, and the same hands as Open Hand History: nothing new.
        Assert.Equal(("done", 4, 0, 4, 0), Counts(await ImportAsync(player, File.ReadAllBytes(Hands("worked-examples.txt")), "text/plain")));
        Assert.Equal(("done", 2, 0, 2, 0), Counts(await ImportAsync(player, File.ReadAllBytes(Hands("worked-examples.ohh")), "application/json")));
        await Task.Delay(1500);
        Assert.Equal(4, await Pipeline.CountAsync(engines, $"SELECT count() FROM {AnalyticsTables.HandPlayers} WHERE user_id = '{player.UserId}' AND hero"));
        Assert.Equal(4, await Pipeline.CountAsync(engines, $"SELECT count() FROM {AnalyticsTables.Hands} WHERE user_id = '{player.UserId}'"));

        // The replayer's hand, and the list.
        var hand = await player.GetAsync("/api/hands/PokerStars/250000000004");
        Assert.Equal(2, hand["boards"]!.AsArray().Count);
        Assert.Equal("Kc Kh", hand["players"]!.AsArray().Single(p => p!["hero"]!.GetValue<bool>())!["cards"]!.GetValue<string>());
        Assert.Equal("straddle", hand["actions"]![2]!["kind"]!.GetValue<string>());
        var page = await player.GetAsync("/api/hands?limit=3");
        Assert.Equal(["250000000004", "250000000003", "250000000002"], page["hands"]!.AsArray().Select(h => h!["handId"]!.GetValue<string>()));
        var rest = await player.GetAsync($"/api/hands?limit=3&cursor={Uri.EscapeDataString(page["next"]!.GetValue<string>())}");
        Assert.Equal(["250000000001"], rest["hands"]!.AsArray().Select(h => h!["handId"]!.GetValue<string>()));
        Assert.Null(rest["next"]);

        // Another player sees none of it.
        using var other = _api.NewPlayer();
        Assert.Equal(0, (await other.GetAsync("/api/hands/stats"))["overall"]!["hands"]!.GetValue<long>());
        using var notMine = await other.Http.GetAsync("/api/hands/PokerStars/250000000004");
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
        using var notMyImport = await other.Http.GetAsync($"/api/hands/imports/{report["id"]}");
        Assert.Equal(HttpStatusCode.NotFound, notMyImport.StatusCode);
        using var noImport = await other.Http.GetAsync("/api/hands/imports/not-a-guid");
        Assert.Equal(HttpStatusCode.NotFound, noImport.StatusCode);
        Assert.Contains("No import not-a-guid", await noImport.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_of_real_files_sent_as_a_form_is_read_entry_by_entry_and_refused_hands_are_reported()
    {
        using var player = _api.NewPlayer();
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(Hands("corpus"), "thlorenz_*.txt").Concat(Directory.GetFiles(Hands("corpus"), "HHSmithy_*OmahaHiLo*.txt")))
            {
                archive.CreateEntryFromFile(file, "hands/" + Path.GetFileName(file));
            }
        }

        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(zip.ToArray());
        part.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(part, "files", "histories.zip");
        using var response = await player.Http.PostAsync("/api/hands/import", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var files = report["files"]!.AsArray();
        Assert.Equal(19, files.Count);
        Assert.All(files, f => Assert.StartsWith("histories.zip/hands/", f!["name"]!.GetValue<string>(), StringComparison.Ordinal));
        // Four Omaha Hi/Lo hands (not supported) and two tournament hands watched without a hero are refused.
        Assert.Equal(("done", 19, 13, 0, 6), Counts(report));
        var problems = report["problems"]!.AsArray().Select(p => p!).ToList();
        var problem = problems.First(p => p["reason"]!.GetValue<string>().Contains("Omaha Hi/Lo", StringComparison.Ordinal));
        Assert.Equal(1, problem["line"]!.GetValue<int>());
        Assert.EndsWith(".txt", problem["file"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(
            ["histories.zip/hands/thlorenz_hhp_freeroll.tny.txt", "histories.zip/hands/thlorenz_hhp_timezone-costarica.sng.txt"],
            problems.Where(p => p["reason"]!.GetValue<string>().Contains("no hero", StringComparison.Ordinal)).Select(p => p["file"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        var polled = await player.GetAsync($"/api/hands/imports/{report["id"]}");
        Assert.Equal("done", polled["status"]!.GetValue<string>());
        Assert.Equal(13, polled["imported"]!.GetValue<int>());
        await WaitForHandsAsync(player, 13);
    }

    [Fact]
    public async Task A_file_saved_in_the_Windows_encoding_reads_as_typed()
    {
        // Euro amounts and a name with an ñ, as Notepad's "ANSI" (Windows-1252) writes them: € is the one byte 0x80.
        using var player = _api.NewPlayer();
        var text = string.Join("\r\n\r\n", Enumerable.Range(0, 3).Select(i => Walk(292000000000 + i, new DateTime(2024, 7, 1, 12, i, 0))
            .Replace("$", "€", StringComparison.Ordinal).Replace("USD", "EUR", StringComparison.Ordinal).Replace("Villain", "Doña", StringComparison.Ordinal)
            .Replace("\n", "\r\n", StringComparison.Ordinal)));
        var report = await ImportAsync(player, System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text), "text/plain");
        Assert.Equal(("done", 3, 3, 0, 0), Counts(report));

        await WaitForHandsAsync(player, 3);
        var hand = await player.GetAsync("/api/hands/PokerStars/292000000000");
        var json = hand.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("\"Doña\"", json, StringComparison.Ordinal);
        Assert.Contains("\"EUR\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_id_is_the_players_own_another_player_choosing_it_learns_nothing()
    {
        using var ann = _api.NewPlayer();
        using var bob = _api.NewPlayer();
        var id = Guid.NewGuid();
        var hands = File.ReadAllBytes(Hands("worked-examples.txt"));
        using (var first = await ann.Http.PostAsync($"/api/hands/import?id={id}", new ByteArrayContent(hands)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var same = await bob.Http.PostAsync($"/api/hands/import?id={id}", new ByteArrayContent(hands)))
        {
            Assert.Equal(HttpStatusCode.OK, same.StatusCode); // not "exists already": that would tell Bob that Ann imported
        }

        using (var again = await ann.Http.PostAsync($"/api/hands/import?id={id}", new ByteArrayContent(hands)))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode); // her own id, used once
        }

        Assert.Equal(4, (await ann.GetAsync($"/api/hands/imports/{id}"))["imported"]!.GetValue<int>());
        Assert.Equal(4, (await bob.GetAsync($"/api/hands/imports/{id}"))["imported"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_upload_with_no_readable_hand_is_a_422_that_says_why_and_stores_nothing()
    {
        using var player = _api.NewPlayer();
        using var response = await player.Http.PostAsync("/api/hands/import?name=results.csv", new StringContent("date,venue,result\n2024-01-01,Bellagio,100\n"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("No hand could be imported.", problem["title"]!.GetValue<string>());
        Assert.Contains("not a hand history", problem["report"]!["files"]![0]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("results.csv", problem["report"]!["files"]![0]!["name"]!.GetValue<string>());

        var broken = File.ReadAllText(Hands("worked-examples.txt")).Replace("Total pot", "Total pat", StringComparison.Ordinal);
        using var none = await player.Http.PostAsync("/api/hands/import", new StringContent(broken));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, none.StatusCode);
        var report = JsonNode.Parse(await none.Content.ReadAsStringAsync())!["report"]!;
        Assert.Equal(4, report["refused"]!.GetValue<int>());
        Assert.Contains("no summary", report["problems"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("failed", (await player.GetNodeAsync("/api/hands/imports"))[0]!["status"]!.GetValue<string>());
        Assert.Equal(0, await Pipeline.CountAsync(engines, $"SELECT count() FROM {AnalyticsTables.Hands} WHERE user_id = '{player.UserId}'"));
    }

    [Fact]
    public async Task Push_fold_decisions_in_real_hands_are_graded_against_the_equilibrium()
    {
        using var player = _api.NewPlayer();
        Assert.Equal(("done", 8, 8, 0, 0), Counts(await ImportAsync(player, File.ReadAllBytes(Hands("push-fold-spots.txt")), "text/plain")));
        await WaitForHandsAsync(player, 8);

        var review = await player.GetAsync("/api/hands/review");
        Assert.Equal(5, review["spots"]!.GetValue<long>());
        var solver = new Trainer.Solver.PushFoldSolver(Trainer.Equity.EquityTable.Default);
        var grader = new Trainer.Solver.Grader(solver, new Trainer.Solver.StrategyCache(solver));
        (Trainer.Solver.TrainingSeat Seat, double Stack, double Ante, string Hand, Trainer.Solver.TrainingChoice Choice)[] spots =
        [
            (Trainer.Solver.TrainingSeat.SmallBlind, 12.0, 0.0, "K7o", Trainer.Solver.TrainingChoice.Aggressive),
            (Trainer.Solver.TrainingSeat.SmallBlind, 8.0, 0.1, "93o", Trainer.Solver.TrainingChoice.Fold),
            (Trainer.Solver.TrainingSeat.BigBlind, 12.0, 0.0, "A5s", Trainer.Solver.TrainingChoice.Aggressive),
            (Trainer.Solver.TrainingSeat.BigBlind, 20.0, 0.0, "QTo", Trainer.Solver.TrainingChoice.Fold),
            (Trainer.Solver.TrainingSeat.SmallBlind, 10.0, 0.0, "AKo", Trainer.Solver.TrainingChoice.Fold),
        ];
        var expected = spots.Select(s => grader.Grade(new Trainer.Solver.PushFoldGame(s.Stack, s.Ante), HandClass.Parse(s.Hand), s.Seat, s.Choice)).ToList();
        Assert.Equal(expected.Count(g => g.Correct), review["correct"]!.GetValue<long>());
        Assert.Equal(Math.Round(expected.Sum(g => g.EvLost), 4), review["evLost"]!.GetValue<double>(), 4);
        Assert.Equal(expected.Count(g => !g.Correct), review["mistakes"]!.AsArray().Count);

        Assert.Contains(expected, g => !g.Correct); // folding ace-king at 10 big blinds gives up a lot
        var leak = review["leaks"]![0]!;
        Assert.Equal(("small-blind", "10-14.9", "AKo", "shove"), (leak["seat"]!.GetValue<string>(), leak["stackRange"]!.GetValue<string>(), leak["handClass"]!.GetValue<string>(), leak["best"]!.GetValue<string>()));
        Assert.Equal("260000000008", review["mistakes"]![0]!["handId"]!.GetValue<string>());

        // The mistake feeds the trainer's "my leaks" drill.
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        Assert.NotNull(await redis.GetDatabase().SortedSetScoreAsync($"pt:training:leaks:{player.UserId}", "small-blind|10|AKo"));

        var shove = await player.GetAsync("/api/hands/PokerStars/260000000001");
        Assert.Equal(("small-blind", "K7o", "shove"), (shove["review"]!["seat"]!.GetValue<string>(), shove["review"]!["handClass"]!.GetValue<string>(), shove["review"]!["choice"]!.GetValue<string>()));
        var limp = await player.GetAsync("/api/hands/PokerStars/260000000005");
        Assert.Null(limp["review"]);
    }

    [Fact]
    public async Task Online_sessions_are_derived_from_hands_and_counted_in_the_statistics_beside_live_ones()
    {
        using var player = _api.NewPlayer();
        await Pipeline.PlayCashAsync(player, 20000, 25000, hands: 100); // a live session: +$50 over 100 hands at $1/$2
        // Six hands from 15:00 and three from 17:00 (a two-hour gap): two sessions, the hero +$0.05 in each hand at $0.05/$0.10.
        var times = Enumerable.Range(0, 6).Select(i => new DateTime(2024, 5, 1, 15, i, 0)).Concat(Enumerable.Range(0, 3).Select(i => new DateTime(2024, 5, 1, 17, i, 0)));
        var text = string.Join("\n\n\n", times.Select((t, i) => Walk(290000000001 + i, t)));
        Assert.Equal(9, (await ImportAsync(player, System.Text.Encoding.UTF8.GetBytes(text), "text/plain"))["imported"]!.GetValue<int>());

        var (online, _) = await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 2, TimeSpan.FromSeconds(45), "?format=online");
        Assert.Equal(45, online["netResult"]!.GetValue<long>());
        Assert.Equal(50m, online["bigBlindsPer100"]!.GetValue<decimal>()); // 4.5 big blinds over 9 hands
        Assert.Equal("PokerStars", online["byVenue"]![0]!["key"]!.GetValue<string>());
        await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 3, TimeSpan.FromSeconds(45)); // and the live one, through its own path
        Assert.Equal(1, (await player.GetAsync("/api/stats?format=live"))["sessions"]!.GetValue<int>());

        var sessions = (await player.GetNodeAsync("/api/online-sessions")).AsArray();
        Assert.Equal(2, sessions.Count);
        Assert.Equal((3, 15L, "5/10"), (sessions[0]!["handsPlayed"]!.GetValue<int>(), sessions[0]!["net"]!.GetValue<long>(), sessions[0]!["stakes"]!.GetValue<string>()));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 21, 0, 0, TimeSpan.Zero), sessions[0]!["startedAt"]!.GetValue<DateTimeOffset>()); // the later one: 17:00 ET is 21:00 UTC
        Assert.Equal(6 * 60, sessions[1]!["playingSeconds"]!.GetValue<long>()); // 15:00 to 15:05, and a minute for the last hand
        Assert.All(sessions, s => Assert.True(s!["fromHands"]!.GetValue<bool>())); // their hands are their page

        // The best session is the live one (+$50), which has a page; the worst one was made from hands, and says so.
        var all = await player.GetAsync("/api/stats");
        Assert.Equal((5_000L, false), (all["best"]!["net"]!.GetValue<long>(), all["best"]!["fromHands"]!.GetValue<bool>()));
        Assert.Equal((15L, true), (all["worst"]!["net"]!.GetValue<long>(), all["worst"]!["fromHands"]!.GetValue<bool>()));
        Assert.Equal(sessions[0]!["startedAt"]!.GetValue<DateTimeOffset>(), all["worst"]!["startedAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task An_import_cut_off_by_a_stop_frees_the_player_within_seconds_and_the_same_file_again_imports_the_rest()
    {
        using var player = _api.NewPlayer();
        var hands = Enumerable.Range(0, 600).Select(i => Walk(291000000000 + i, new DateTime(2024, 6, 1, 12, 0, 0).AddMinutes(i))).ToList();
        var whole = System.Text.Encoding.UTF8.GetBytes(string.Join("\n\n\n", hands));
        Assert.Equal(("done", 250, 250, 0, 0), Counts(await ImportAsync(player, System.Text.Encoding.UTF8.GetBytes(string.Join("\n\n\n", hands.Take(250))), "text/plain")));

        // What a stop in the middle of an import leaves: its report says running, and the player's running mark stays until it expires.
        var store = _api.Services.GetRequiredService<PokerTracker.SessionApi.Hands.HandStore>();
        var cut = Guid.NewGuid();
        Assert.True(await store.BeginAsync(player.UserId, cut));
        Assert.True(await store.SaveReportAsync(player.UserId, new(cut, "running", DateTimeOffset.UtcNow, null, 250, 250, 0, 0, [], [], null), first: true));
        using var busy = await player.Http.PostAsync("/api/hands/import", new ByteArrayContent(whole));
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var mark = $"pt:user:{player.UserId}:importing";
        Assert.InRange((await redis.GetDatabase().KeyTimeToLiveAsync(mark))!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        await redis.GetDatabase().KeyDeleteAsync(mark); // the mark's expiry, 30 s at most after the stop

        var stopped = await player.GetNodeAsync($"/api/hands/imports/{cut}");
        Assert.Equal("stopped", stopped["status"]!.GetValue<string>());
        Assert.Contains("send the file again", stopped["stoppedBecause"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(("done", 600, 350, 250, 0), Counts(await ImportAsync(player, whole, "text/plain")));
        await WaitForHeroHandsAsync(player, 600); // the hero's player rows go in last, after the actions and the hands
        Assert.Equal(600, await Pipeline.CountAsync(engines, $"SELECT count() FROM {AnalyticsTables.Hands} FINAL WHERE user_id = '{player.UserId}'"));
    }
}
