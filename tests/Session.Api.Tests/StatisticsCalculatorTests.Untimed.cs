using PokerTracker.SessionApi.Statistics;

namespace PokerTracker.SessionApi.Tests;

/// <summary>Sessions with no time played (a spreadsheet's rows written without times): in the net, in no rate.</summary>
public sealed partial class StatisticsCalculatorTests
{
    [Fact]
    public void A_session_with_no_time_played_counts_in_the_net_and_in_no_rate()
    {
        // +$100 in 2 h and −$50 in 3 h, then a $400 win typed in from a spreadsheet row with a date and no times.
        var timed = new[] { Cash(0, 10_000, 2), Cash(1, -5_000, 3) };
        var s = StatisticsCalculator.Compute([.. timed, Cash(2, 40_000, 0)], new RiskInputs(100_000), TimeZoneInfo.Utc);

        Assert.Equal((3, 45_000L, 18_000L), (s.Sessions, s.NetResult, s.SecondsPlayed));
        Assert.Equal((1_000m, 2), (s.HourlyRate, s.HourlyRateSessions));          // $50 over 5 h, not $450 over them
        Assert.Equal(1_000m, s.ByVenue.Single().HourlyRate);
        Assert.Equal((5m, 2), (s.BigBlindsPerHour, s.BigBlindsBasis.SessionsPerHour)); // (50 − 25) bb over 5 h
        Assert.InRange((s.HourlyRateInterval!.Low + s.HourlyRateInterval.High) / 2, 999.99m, 1_000.01m); // the interval is about the same rate
        Assert.Equal(StatisticsCalculator.Compute(timed, new RiskInputs(100_000), TimeZoneInfo.Utc).Risk, s.Risk);

        var untimedOnly = StatisticsCalculator.Compute([Cash(0, 40_000, 0)], new RiskInputs(null), TimeZoneInfo.Utc);
        Assert.Equal((40_000L, null, 0), (untimedOnly.NetResult, untimedOnly.HourlyRate, untimedOnly.HourlyRateSessions));
    }
}
