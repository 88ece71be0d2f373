using Microsoft.Extensions.DependencyInjection;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SharedKernel.Sessions;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>Entries sent late (a phone's queue, a second device) through the service and the live store.</summary>
[Collection(Engines.Collection)]
public sealed class LateEntryApiTests(EnginesFixture engines)
{
    private readonly ApiFactory _api = engines.SharedApi;

    [Fact]
    public async Task A_rebuy_logged_late_is_drawn_at_its_time_on_the_chart_and_the_stack_now_is_the_last_report()
    {
        using var player = _api.NewPlayer();
        var now = DateTimeOffset.UtcNow;
        var start = now.AddMinutes(-60);
        var id = (await player.StartCashAsync(new
        {
            kind = "cash", game = "NLHE", format = "live", venue = "Bellagio", currency = "USD", stakes = new { smallBlind = 100, bigBlind = 200 },
            buyIn = 20_000, startedAt = start,
        }))["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 26_000, at = now.AddMinutes(-30) });
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 30_000, at = now.AddMinutes(-10) });
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 15_000, at = now.AddMinutes(-20) }); // from the other phone's queue
        var after = await player.PostOkAsync($"/api/sessions/{id}/buy-ins", new { kind = "rebuy", amount = 20_000, at = now.AddMinutes(-15) });

        // Before, the rebuy had no point: the chart stayed at $150 until the $300 report, as if the chips never went in.
        var chart = await ChartAsync(player, id);
        Assert.Equal(
            [(Ms(start), 20_000L), (Ms(now.AddMinutes(-30)), 26_000L), (Ms(now.AddMinutes(-20)), 15_000L), (Ms(now.AddMinutes(-15)), 35_000L), (Ms(now.AddMinutes(-10)), 30_000L)],
            chart);
        Assert.Equal(30_000, after["totals"]!["currentStack"]!.GetValue<long>()); // the last report counts the rebuy already
        Assert.Equal(40_000, after["totals"]!["invested"]!.GetValue<long>());
        Assert.Equal(35_000, after["totals"]!["peakStack"]!.GetValue<long>()); // the chart's highest point

        // The events alone give the same chart (as a session read back from the analytics store draws it).
        var events = await _api.Services.GetRequiredService<SessionStore>().GetEventsAsync(Guid.Parse(id), 0);
        Assert.Equal(chart, SessionState.StackSeries(events).Select(p => (Ms(p.At), p.Amount)));

        // A count for 17 minutes ago arrives later still: the rebuy after it is drawn from it ($50 + $200), and the peak
        // is the chart's highest point now. Before, the rebuy's point stayed at $350, and so did the peak.
        var recount = await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 5_000, at = now.AddMinutes(-17) });
        chart = await ChartAsync(player, id);
        Assert.Equal([(Ms(now.AddMinutes(-20)), 15_000L), (Ms(now.AddMinutes(-17)), 5_000L), (Ms(now.AddMinutes(-15)), 25_000L), (Ms(now.AddMinutes(-10)), 30_000L)], chart.Skip(2));
        Assert.Equal(30_000, recount["totals"]!["currentStack"]!.GetValue<long>());
        Assert.Equal(30_000, recount["totals"]!["peakStack"]!.GetValue<long>());
        events = await _api.Services.GetRequiredService<SessionStore>().GetEventsAsync(Guid.Parse(id), 0);
        Assert.Equal(chart, SessionState.StackSeries(events).Select(p => (Ms(p.At), p.Amount)));
        Assert.Equal(30_000, SessionState.Replay(events).PeakStack); // as the analytics store works it out from the events
    }

    /// <summary>
    /// A count timed by the server, then one the phone timed in the same millisecond (as the app times entries):
    /// the second is the stack now, not an entry sent late for before the first.
    /// </summary>
    [Fact]
    public async Task An_entry_timed_by_the_phone_in_the_same_millisecond_as_one_timed_by_the_server_comes_after_it()
    {
        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 12_000 });
        var counted = (await _api.Services.GetRequiredService<SessionStore>().GetEventsAsync(Guid.Parse(id), 0))[^1].OccurredAt.ToDateTimeOffset();
        Assert.Equal(Ms(counted), counted); // recorded to the millisecond
        var after = await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 4_000, at = Ms(counted) });
        Assert.Equal(4_000, after["totals"]!["currentStack"]!.GetValue<long>());
    }

    private static async Task<List<(DateTimeOffset At, long Amount)>> ChartAsync(PlayerClient player, string id) =>
        (await player.GetNodeAsync($"/api/sessions/{id}/stack"))!.AsArray()
            .Select(p => (Ms(p!["at"]!.GetValue<DateTimeOffset>()), p["amount"]!.GetValue<long>())).ToList();

    private static DateTimeOffset Ms(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
}
