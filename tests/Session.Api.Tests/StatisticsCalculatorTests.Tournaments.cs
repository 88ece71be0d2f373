using PokerTracker.SessionApi.Statistics;

namespace PokerTracker.SessionApi.Tests;

/// <summary>Tournaments: their own figures, and what the cash-game model leaves them out of.</summary>
public sealed partial class StatisticsCalculatorTests
{
    [Fact]
    public void Tournament_ROI_and_in_the_money_rate()
    {
        SessionResult T(int i, long invested, long prize) =>
            new(Guid.NewGuid(), "tournament", "NLHE", "live", "", null, "Venetian", "USD", [], T0.AddDays(i), T0.AddDays(i).AddHours(5), 18_000,
                prize - invested, invested, prize, null, null, null);
        var s = StatisticsCalculator.Compute([T(0, 10_000, 0), T(1, 10_000, 45_000), T(2, 20_000, 0), T(3, 10_000, 0)], new RiskInputs(null), TimeZoneInfo.Utc);
        Assert.Equal(4, s.Tournaments!.Entries);
        Assert.Equal(-0.1m, s.Tournaments.ReturnOnInvestment); // (45,000 − 50,000) / 50,000
        Assert.Equal(0.25m, s.Tournaments.InTheMoney);
    }

    [Fact]
    public void The_spread_interval_and_risk_of_a_view_with_tournaments_are_its_cash_sessions_and_say_so()
    {
        // 100 hours of cash at $20/h, and ten 5-hour tournaments: nine lost $1,100, one won $15,000.
        var cash = Enumerable.Range(0, 20).Select(i => Cash(i, i % 2 == 0 ? 50_000 : -30_000, 5)).ToList();
        var tournaments = Enumerable.Range(20, 10).Select(i => new SessionResult(Guid.NewGuid(), "tournament", "NLHE", "live", "", null, "Venetian", "USD", [],
            T0.AddDays(i), T0.AddDays(i).AddHours(5), 18_000, i == 20 ? 1_390_000 : -110_000, 110_000, i == 20 ? 1_500_000 : 0, null, null, null)).ToList();
        var both = StatisticsCalculator.Compute([.. cash, .. tournaments], new RiskInputs(500_000, 0.05), TimeZoneInfo.Utc);
        var cashOnly = StatisticsCalculator.Compute(cash, new RiskInputs(500_000, 0.05), TimeZoneInfo.Utc);

        Assert.Equal(Math.Round((200_000m + 400_000m) / 150, 2), both.HourlyRate); // every session's money over every hour, as the totals
        Assert.Equal((cashOnly.StandardDeviationPerHour, cashOnly.StandardDeviationSessions), (both.StandardDeviationPerHour, both.StandardDeviationSessions));
        Assert.Equal(cashOnly.HourlyRateInterval, both.HourlyRateInterval);
        Assert.Equal(cashOnly.Risk!.Probability, both.Risk!.Probability, 12); // 0.26% at $5,000; the tournaments mixed in would read 75%
        Assert.True(both.SpreadLeavesOutTournaments);
        Assert.False(cashOnly.SpreadLeavesOutTournaments);

        var onlyTournaments = StatisticsCalculator.Compute(tournaments, new RiskInputs(500_000, 0.05), TimeZoneInfo.Utc);
        Assert.Equal((null, 0, null, null), (onlyTournaments.StandardDeviationPerHour, onlyTournaments.StandardDeviationSessions, onlyTournaments.HourlyRateInterval, onlyTournaments.Risk));
        Assert.NotNull(onlyTournaments.HourlyRate);
    }
}
