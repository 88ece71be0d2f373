using System.Net;
using System.Text;
using PokerTracker.TestSupport;

namespace PokerTracker.Tilt.Tests;

public sealed partial class AlertTests
{
    [Fact]
    public async Task Sessions_imported_from_a_file_raise_no_alert_though_they_break_the_players_limits()
    {
        using var worker = new TiltWorkerFactory(engines).Start();
        using var player = _api.NewPlayer();
        await WarmUpAsync(player);
        using (var guards = await player.SendAsync(HttpMethod.Put, "/api/me/guards", new { stopLoss = 15_000, currency = "USD", maxDurationMinutes = 240 }))
        {
            Assert.Equal(HttpStatusCode.OK, guards.StatusCode);
        }

        await using var feed = await SseReader.OpenAsync(player.Http, "/api/me/events");
        // Last year's sessions from a spreadsheet: ten hours with a break, and $400 lost on a $200 stop-loss.
        const string csv =
            "kind,game,format,venue,currency,started_at,ended_at,break_seconds,small_blind,big_blind,total_buy_in,cash_out\n" +
            "cash,NLHE,live,Aria,USD,2025-03-01T18:00:00Z,2025-03-02T04:00:00Z,1800,100,200,20000,20000\n" +
            "cash,NLHE,live,Aria,USD,2025-03-08T18:00:00Z,2025-03-08T23:00:00Z,0,100,200,60000,20000\n";
        using (var content = new StringContent(csv, Encoding.UTF8, "text/csv"))
        using (var imported = await player.Http.PostAsync("/api/sessions/import", content))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
            Assert.Contains("\"imported\":2", await imported.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A session played now that breaks the stop-loss warns at once: the worker is at work.
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 4_000 });
        var alert = await NextAlertAsync(feed, TimeSpan.FromSeconds(20));
        Assert.Equal(id, alert["sessionId"]!.GetValue<string>());

        // The imported ones never did, on the stream or in the player's alerts.
        await Task.Delay(1_000);
        var sessions = (await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(4, sessions.Count); // the warm-up, the two imported, the one now
        foreach (var other in sessions.Where(s => s != id))
        {
            Assert.Empty((await player.Http.GetFromJsonArray($"/api/sessions/{other}/alerts"))!);
        }

        Assert.DoesNotContain(await feed.DrainAsync(TimeSpan.FromMilliseconds(500)), e => e.Event == "TiltAlertRaised");
    }
}
