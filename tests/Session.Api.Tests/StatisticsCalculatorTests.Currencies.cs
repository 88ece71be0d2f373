using PokerTracker.SessionApi.Statistics;

namespace PokerTracker.SessionApi.Tests;

public sealed partial class StatisticsCalculatorTests
{
    [Fact]
    public void Only_one_currency_is_summed_the_most_used_unless_one_is_asked_for_and_time_played_by_month_counts_every_one()
    {
        var sessions = new[] { Cash(0, 100, 1), Cash(1, 100, 1.5), Cash(2, 7_000, 4, currency: "EUR"), Cash(40, 50, 2) };
        var dollars = StatisticsCalculator.Compute(sessions, new RiskInputs(null), TimeZoneInfo.Utc);
        Assert.Equal(250, dollars.NetResult);
        var euro = StatisticsCalculator.Compute(sessions, new RiskInputs(null), TimeZoneInfo.Utc, "EUR");
        Assert.Equal(7_000, euro.NetResult);
        Assert.Equal(["USD", "EUR"], euro.Currencies);

        // January: 2.5 hours in dollars and 4 in euros; an hours goal is of all 6.5, whichever currency is shown.
        Assert.Equal([new MonthPlayed("2026-01", 3, 6.5m, 23_400), new MonthPlayed("2026-02", 1, 2m, 7_200)], dollars.HoursByMonth);
        Assert.Equal(dollars.HoursByMonth, euro.HoursByMonth);
        Assert.Equal(2.5m, dollars.ByMonth.Single(m => m.Key == "2026-01").Hours);
    }
}
