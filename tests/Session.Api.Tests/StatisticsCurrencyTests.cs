using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>A view in one currency: its money in that currency, the month's hours (the hours goal) in every one.</summary>
[Collection(Engines.Collection)]
public sealed class StatisticsCurrencyTests(EnginesFixture engines) : PipelineTest(engines)
{
    [Fact]
    public async Task A_view_in_euros_counts_the_months_hours_in_every_currency_and_names_every_currency()
    {
        using var player = Api.NewPlayer();
        foreach (var (currency, minutes, cashOut) in new[] { ("USD", 60, 25_000), ("EUR", 30, 18_000) })
        {
            var id = (await player.StartCashAsync(new
            {
                kind = "cash", game = "NLHE", format = "live", venue = "Aria", currency,
                stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000, startedAt = DateTimeOffset.UtcNow.AddMinutes(-minutes),
            }))["id"]!.GetValue<string>();
            await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut });
        }

        var (euros, _) = await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 1, TimeSpan.FromSeconds(30), "?currency=EUR");
        Assert.Equal((-2_000L, "EUR"), (euros["netResult"]!.GetValue<long>(), euros["currency"]!.GetValue<string>()));
        Assert.InRange(euros["hoursPlayed"]!.GetValue<decimal>(), 0.49m, 0.51m);
        Assert.Equal(["EUR", "USD"], euros["currencies"]!.AsArray().Select(c => c!.GetValue<string>()).Order());
        Assert.InRange(euros["hoursByMonth"]!.AsArray().Sum(m => m!["hours"]!.GetValue<decimal>()), 1.48m, 1.52m); // both sessions' time
    }
}
