using System.Net;
using System.Text;
using PokerTracker.TestSupport;

namespace PokerTracker.Analytics.Tests;

public sealed partial class HandImportPipelineTests
{
    [Fact]
    public async Task An_online_session_recorded_in_the_app_and_imported_as_hands_too_counts_once_as_recorded()
    {
        using var player = _api.NewPlayer();
        // The player kept the evening in the app as well: 18:55 to 19:30 UTC at $0.05/$0.10, +$0.45.
        await RecordOnlineAsync(player, "cash,NLHE,online,Stars,USD,2024-05-01T18:55:00Z,2024-05-01T19:30:00Z,5,10,1000,1045");

        // Its hands, from 15:00 ET (19:00 UTC), +$0.05 each; and three of the next evening, which nobody recorded.
        var times = Enumerable.Range(0, 6).Select(i => new DateTime(2024, 5, 1, 15, i, 0)).Concat(Enumerable.Range(0, 3).Select(i => new DateTime(2024, 5, 2, 17, i, 0)));
        var text = string.Join("\n\n\n", times.Select((t, i) => Walk(292000000001 + i, t)));
        Assert.Equal(9, (await ImportAsync(player, Encoding.UTF8.GetBytes(text), "text/plain"))["imported"]!.GetValue<int>());
        await WaitForHeroHandsAsync(player, 9);
        var madeFromHands = (await player.GetNodeAsync("/api/online-sessions")).AsArray();
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 21, 0, 0, TimeSpan.Zero), Assert.Single(madeFromHands)!["startedAt"]!.GetValue<DateTimeOffset>()); // the evening nobody recorded

        // The recorded evening once (+45), and the other from its hands (+15): not the first evening twice.
        var (online, _) = await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() >= 2, TimeSpan.FromSeconds(45), "?format=online");
        Assert.Equal((2, 60L), (online["sessions"]!.GetValue<int>(), online["netResult"]!.GetValue<long>()));

        // A view of the site as the hands name it leaves the recorded "Stars" out, and still not the evening
        // it covers: only the other evening is there.
        var site = Uri.EscapeDataString(madeFromHands[0]!["venue"]!.GetValue<string>());
        Assert.NotEqual("Stars", madeFromHands[0]!["venue"]!.GetValue<string>());
        var bySite = await player.GetNodeAsync($"/api/stats?format=online&venue={site}");
        Assert.Equal((1, 15L), (bySite["sessions"]!.GetValue<int>(), bySite["netResult"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Two_stakes_played_at_the_same_time_count_the_evening_once_and_each_stakes_its_share()
    {
        using var player = _api.NewPlayer();
        // 19:00 to 21:00 ET, a hand every five minutes at $0.05/$0.10 and one at $0.10/$0.20 beside it.
        var times = Enumerable.Range(0, 25).Select(i => new DateTime(2024, 6, 3, 19, 0, 0).AddMinutes(5 * i)).ToList();
        var text = string.Join("\n\n\n", times.Select((t, i) => SampleHands.Walk(294000000001 + i, t, "Low", 0.05m))
            .Concat(times.Select((t, i) => SampleHands.Walk(294000000101 + i, t, "High", 0.10m))));
        Assert.Equal(50, (await ImportAsync(player, Encoding.UTF8.GetBytes(text), "text/plain"))["imported"]!.GetValue<int>());
        await WaitForHeroHandsAsync(player, 50);

        // Each runs 121 minutes (to the last hand's minute), side by side: half of it each.
        var sessions = (await player.GetNodeAsync("/api/online-sessions")).AsArray();
        Assert.Equal([3_630L, 3_630L], sessions.Select(s => s!["playingSeconds"]!.GetValue<long>()));
        var (all, _) = await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() >= 2, TimeSpan.FromSeconds(45), "?format=online");
        Assert.Equal((2, 375L, 2.02m), (all["sessions"]!.GetValue<int>(), all["netResult"]!.GetValue<long>(), all["hoursPlayed"]!.GetValue<decimal>()));
        Assert.Equal(185.95m, all["hourlyRate"]!.GetValue<decimal>()); // $3.75 in 121 minutes, not in 242

        // A view of one stakes counts its share, whichever sessions the view leaves out.
        var high = await player.GetNodeAsync("/api/stats?format=online&stakes=10/20");
        Assert.Equal((1, 250L, 1.01m), (high["sessions"]!.GetValue<int>(), high["netResult"]!.GetValue<long>(), high["hoursPlayed"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task Hands_played_beside_a_recorded_online_session_in_another_currency_share_its_time()
    {
        using var player = _api.NewPlayer();
        // A euro table on another site, kept in the app, 23:00 to 01:01 UTC; dollar hands beside it, 19:00 to 21:00 ET.
        await RecordOnlineAsync(player, "cash,NLHE,online,Unibet,EUR,2024-06-10T23:00:00Z,2024-06-11T01:01:00Z,5,10,1000,1200");

        var times = Enumerable.Range(0, 25).Select(i => new DateTime(2024, 6, 10, 19, 0, 0).AddMinutes(5 * i));
        var text = string.Join("\n\n\n", times.Select((t, i) => SampleHands.Walk(296000000001 + i, t, "Beside", 0.05m)));
        Assert.Equal(25, (await ImportAsync(player, Encoding.UTF8.GetBytes(text), "text/plain"))["imported"]!.GetValue<int>());
        await WaitForHeroHandsAsync(player, 25);

        var (dollars, _) = await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() >= 1, TimeSpan.FromSeconds(45), "?currency=USD");
        Assert.Equal((1, 125L, 1.01m), (dollars["sessions"]!.GetValue<int>(), dollars["netResult"]!.GetValue<long>(), dollars["hoursPlayed"]!.GetValue<decimal>()));
    }

    /// <summary>
    /// Hands the player logged at a live table (a live hand recorder's file) during a session recorded in
    /// the app are that session's: its money counts once, as recorded, not again as an online session.
    /// </summary>
    [Fact]
    public async Task Hands_logged_during_a_recorded_live_session_count_once_as_that_session()
    {
        using var player = _api.NewPlayer();
        await RecordOnlineAsync(player, "cash,NLHE,live,Bellagio,USD,2024-05-01T18:55:00Z,2024-05-01T19:30:00Z,0.05,0.10,10.00,10.45");
        var text = string.Join("\n\n\n", Enumerable.Range(0, 6).Select(i => Walk(292100000001 + i, new DateTime(2024, 5, 1, 15, i, 0))));
        Assert.Equal(6, (await ImportAsync(player, Encoding.UTF8.GetBytes(text), "text/plain"))["imported"]!.GetValue<int>());
        await WaitForHeroHandsAsync(player, 6);
        Assert.Empty((await player.GetNodeAsync("/api/online-sessions")).AsArray()); // the hands are the recorded session's, not a session of their own

        var all = await player.GetNodeAsync("/api/stats");
        Assert.Equal((1, 45L), (all["sessions"]!.GetValue<int>(), all["netResult"]!.GetValue<long>()));
        Assert.Equal(0, (await player.GetNodeAsync("/api/stats?format=online"))["sessions"]!.GetValue<int>());
    }

    /// <summary>
    /// Only the hands played during the recorded session are its own: the same evening's hands after it
    /// (the live session's end logged, then online play) make a session of their own and count.
    /// </summary>
    [Fact]
    public async Task Hands_played_after_a_recorded_session_count_though_the_evening_began_during_it()
    {
        using var player = _api.NewPlayer();
        await RecordOnlineAsync(player, "cash,NLHE,live,Bellagio,USD,2024-05-01T18:55:00Z,2024-05-01T19:30:00Z,0.05,0.10,10.00,10.45");

        // Six hands during it (19:00 to 19:25 UTC), then three from 19:40, with no break of 30 minutes between: +$0.05 each.
        var times = Enumerable.Range(0, 6).Select(i => new DateTime(2024, 5, 1, 15, 5 * i, 0)).Concat(Enumerable.Range(0, 3).Select(i => new DateTime(2024, 5, 1, 15, 40 + 5 * i, 0)));
        var text = string.Join("\n\n\n", times.Select((t, i) => Walk(292200000001 + i, t)));
        Assert.Equal(9, (await ImportAsync(player, Encoding.UTF8.GetBytes(text), "text/plain"))["imported"]!.GetValue<int>());
        await WaitForHeroHandsAsync(player, 9);

        var made = Assert.Single((await player.GetNodeAsync("/api/online-sessions")).AsArray())!;
        Assert.Equal((new DateTimeOffset(2024, 5, 1, 19, 40, 0, TimeSpan.Zero), 15L, 3),
            (made["startedAt"]!.GetValue<DateTimeOffset>(), made["net"]!.GetValue<long>(), made["handsPlayed"]!.GetValue<int>()));
        var (all, _) = await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() >= 2, TimeSpan.FromSeconds(45));
        Assert.Equal((2, 60L), (all["sessions"]!.GetValue<int>(), all["netResult"]!.GetValue<long>())); // the recorded +45 once, and +15

        // It goes to the online default bankroll: booked by hand, it is told so, not "not found".
        var roll = (await player.PostOkAsync("/api/bankrolls", new { name = "Savings", currency = "USD" }))["id"]!.GetValue<string>();
        using var booked = await player.SendAsync(HttpMethod.Put, $"/api/sessions/{made["id"]}/bankroll", new { bankrollId = roll });
        Assert.Equal(HttpStatusCode.Conflict, booked.StatusCode);
        Assert.Contains("made from imported hands", await booked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unknown = await player.SendAsync(HttpMethod.Put, $"/api/sessions/{Guid.NewGuid()}/bankroll", new { bankrollId = roll });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Rows_of_a_spreadsheet_written_without_times_count_in_the_net_and_not_in_the_hourly_rate()
    {
        using var player = _api.NewPlayer();
        // +$100 in 2 h and −$50 in 3 h, and a night written down with its date alone: +$400, for how long nobody knows.
        await RecordOnlineAsync(player, "cash,NLHE,live,Aria,USD,2026-03-01T18:00:00Z,2026-03-01T20:00:00Z,100,200,20000,30000");
        await RecordOnlineAsync(player, "cash,NLHE,live,Aria,USD,2026-03-02T18:00:00Z,2026-03-02T21:00:00Z,100,200,20000,15000");
        await RecordOnlineAsync(player, "cash,NLHE,live,Aria,USD,2026-03-03,2026-03-03,100,200,20000,60000");

        var (stats, _) = await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() >= 3, TimeSpan.FromSeconds(45));
        Assert.Equal((3, 45_000L, 18_000L), (stats["sessions"]!.GetValue<int>(), stats["netResult"]!.GetValue<long>(), stats["secondsPlayed"]!.GetValue<long>()));
        Assert.Equal((1_000m, 2), (stats["hourlyRate"]!.GetValue<decimal>(), stats["hourlyRateSessions"]!.GetValue<int>())); // $10/h, not $90/h
    }

    /// <summary>Records a session by importing one CSV row (an online or a live one).</summary>
    private static async Task RecordOnlineAsync(PlayerClient player, string row)
    {
        var csv = "kind,game,format,venue,currency,started_at,ended_at,small_blind,big_blind,total_buy_in,cash_out\n" + row + "\n";
        using var recorded = await player.Http.PostAsync("/api/sessions/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
    }
}
