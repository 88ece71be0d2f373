using PokerTracker.SessionApi.Statistics;

namespace PokerTracker.SessionApi.Tests;

/// <summary>
/// The statistics against hand-worked examples and against a deliberately naive reference
/// written here, over hundreds of random session sets. Rates are compared within half a cent
/// (they are rounded to 2 places), probabilities within 1e-9 relative.
/// </summary>
public sealed partial class StatisticsCalculatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 18, 0, 0, TimeSpan.Zero); // a Monday

    private static SessionResult Cash(int i, long net, double hours, long bigBlind = 200, int? hands = null, string venue = "Aria", string currency = "USD") =>
        new(Guid.NewGuid(), "cash", "NLHE", "live", $"{bigBlind / 2}/{bigBlind}", bigBlind, venue, currency, [], T0.AddDays(i), T0.AddDays(i).AddHours(hours),
            (long)Math.Round(hours * 3600), net, 20_000, null, hands, null, null);

    [Fact]
    public void A_hand_worked_example_of_rate_deviation_interval_risk_and_drawdown()
    {
        var sessions = new[] { Cash(0, 100, 1), Cash(1, -50, 2), Cash(2, 200, 1) };
        var s = StatisticsCalculator.Compute(sessions, new RiskInputs(1_000, 0.05), TimeZoneInfo.Utc);

        Assert.Equal(3, s.Sessions);
        Assert.Equal(250, s.NetResult);
        Assert.Equal(62.50m, s.HourlyRate);                    // 250 / 4 h
        // σ² = (1/(3−1))·[(100−62.5)²/1 + (−50−125)²/2 + (200−62.5)²/1] = 35625/2 = 17812.5
        Assert.Equal(133.46m, s.StandardDeviationPerHour);     // √17812.5 = 133.4635
        // 62.5 ± t(0.975, 2 degrees of freedom)·133.4635/√4, t = 4.302653
        Assert.Equal(-224.62m, s.HourlyRateInterval!.Low);
        Assert.Equal(349.62m, s.HourlyRateInterval.High);

        // A 10-minute session counts in the rate and its time in the interval, not in the spread:
        // μ = 250 / 4.1667 h = 60, σ² = (1/2)·[40² + (−170)²/2 + 140²] = 17825, 60 ± 4.302653·133.5103/√4.1667.
        var withShort = StatisticsCalculator.Compute([.. sessions, Cash(3, 0, 1 / 6.0)], new RiskInputs(1_000, 0.05), TimeZoneInfo.Utc);
        Assert.Equal((60.00m, 133.51m), (withShort.HourlyRate, withShort.StandardDeviationPerHour));
        Assert.Equal((-221.42m, 341.42m), (withShort.HourlyRateInterval!.Low, withShort.HourlyRateInterval.High));
        Assert.Equal(Math.Exp(-2 * 62.5 * 1000 / 17812.5), s.Risk!.Probability, 12);
        Assert.Equal(427, s.Risk.BankrollForTarget);           // 17812.5·ln(20)/125 = 426.9
        Assert.Equal(50, s.MaxDrawdown);                       // 100 → 50
        Assert.Equal(0, s.CurrentDownswing);
        Assert.Equal(1, s.LongestWinningStreak);
        Assert.Equal(1, s.LongestLosingStreak);
        Assert.Equal(0.31m, s.BigBlindsPerHour);               // (0.5 − 0.25 + 1) bb / 4 h
        Assert.Equal(200, s.Best!.Net);
        Assert.Equal(-50, s.Worst!.Net);
        Assert.Equal([100L, 50L, 250L], s.Cumulative.Select(p => p.Cumulative));
        Assert.Equal([1_100L, 1_050L, 1_250L], s.Bankroll.Select(p => p.Bankroll));

        // What the bankrolls hold now has these results in it already: the series ends there.
        var held = StatisticsCalculator.Compute(sessions, new RiskInputs(1_000, 0.05, RiskInputs.FromBankrolls), TimeZoneInfo.Utc);
        Assert.Equal([850L, 800L, 1_000L], held.Bankroll.Select(p => p.Bankroll));
        Assert.Equal(s.Risk.Probability, held.Risk!.Probability, 12); // the risk is of the same 1,000 either way

        // Bankrolls that hold less than nothing: ruin is where the player is, not a risk of more than 100%.
        var overdrawn = StatisticsCalculator.Compute(sessions, new RiskInputs(-35_349, 0.05, RiskInputs.FromBankrolls), TimeZoneInfo.Utc);
        Assert.Equal((1.0, -35_349L), (overdrawn.Risk!.Probability, overdrawn.Risk.Bankroll));
        Assert.Equal(-35_349L, overdrawn.Bankroll[^1].Bankroll); // the series ends at what they hold
    }

    [Fact]
    public void A_session_logged_after_the_fact_counts_in_every_rate_as_in_the_totals_beside_it_and_not_in_the_spread()
    {
        // Three hours won 300; then buy-in and cash-out typed together a day later: 30 seconds, −415.
        var played = new[] { Cash(0, 100, 1), Cash(1, -50, 2), Cash(2, 250, 1) };
        var sessions = played.Append(Cash(3, -41_500, 30 / 3600.0)).ToArray();
        var s = StatisticsCalculator.Compute(sessions, new RiskInputs(1_000), TimeZoneInfo.Utc);
        var hours = 4 + 30 / 3600.0;
        Assert.Equal((4, -41_200L), (s.Sessions, s.NetResult));
        Assert.Equal(Math.Round(-41_200 / (decimal)hours, 2), s.HourlyRate);          // net over time, as a player divides them
        Assert.Equal(Math.Round(-41_200 / (decimal)hours, 2), s.ByVenue.Single().HourlyRate);
        Assert.Equal(Math.Round((decimal)((0.5 - 0.25 + 1.25 - 207.5) / hours), 2), s.BigBlindsPerHour);
        Assert.Equal(4, s.BigBlindsBasis!.SessionsPerHour);
        // The spread is of the three timed sessions, around the same rate: the 30 s one would weigh as −$49,800/h.
        var mu = -41_200 / hours;
        var variance = (Math.Pow(100 - mu, 2) + Math.Pow(-50 - 2 * mu, 2) / 2 + Math.Pow(250 - mu, 2)) / (3 - 1);
        Assert.Equal(Math.Round((decimal)Math.Sqrt(variance), 2), s.StandardDeviationPerHour);
        Assert.Equal(3, s.StandardDeviationSessions);
    }

    [Fact]
    public void A_session_of_a_few_minutes_counts_in_the_rate_and_not_in_the_spread()
    {
        // Three rebuys lost in 2 minutes: its result over its time would be −$50,400/h of spread.
        var s = StatisticsCalculator.Compute([Cash(0, 100, 1), Cash(1, -50, 2), Cash(2, 250, 1), Cash(3, 40, 0.25), Cash(4, -168_000, 2 / 60.0)], new RiskInputs(100_000), TimeZoneInfo.Utc);
        var mu = (340 - 168_000) / (4.25 + 2 / 60.0);
        Assert.Equal(Math.Round((decimal)mu, 2), s.HourlyRate);
        var variance = (Math.Pow(100 - mu, 2) + Math.Pow(-50 - 2 * mu, 2) / 2 + Math.Pow(250 - mu, 2) + Math.Pow(40 - 0.25 * mu, 2) / 0.25) / (4 - 1);
        Assert.Equal(Math.Round((decimal)Math.Sqrt(variance), 2), s.StandardDeviationPerHour);
        Assert.Equal(4, s.StandardDeviationSessions); // the quarter-hour one counts
    }

    [Fact]
    public void A_long_history_charts_at_most_the_asked_points_and_keeps_the_peak_the_deepest_drawdown_and_both_ends()
    {
        var random = new Random(3);
        var sessions = Enumerable.Range(0, 5_000).Select(i => Cash(i, random.Next(-40_000, 45_000), 1 + random.NextDouble() * 8)).ToList();
        var full = StatisticsCalculator.Compute(sessions, new RiskInputs(100_000), TimeZoneInfo.Utc);
        var chart = StatisticsCalculator.Compute(sessions, new RiskInputs(100_000), TimeZoneInfo.Utc, chartPoints: 300);

        Assert.Equal(5_000, full.Cumulative.Count);
        Assert.InRange(chart.Cumulative.Count, 150, 300);
        Assert.Equal(chart.Cumulative.Count, chart.Bankroll.Count);
        Assert.Equal(full.Cumulative[0], chart.Cumulative[0]);
        Assert.Equal(full.Cumulative[^1], chart.Cumulative[^1]);
        Assert.Contains(full.Cumulative.MaxBy(p => p.Cumulative)!, chart.Cumulative);
        Assert.Contains(full.Cumulative.MaxBy(p => p.Drawdown)!, chart.Cumulative);
        Assert.Equal(full.MaxDrawdown, chart.Cumulative.Max(p => p.Drawdown));
        // Points stay in time order, and each is a point of the full curve with its bankroll.
        Assert.True(chart.Cumulative.Zip(chart.Cumulative.Skip(1)).All(p => p.First.At <= p.Second.At));
        var byId = full.Cumulative.Select((p, i) => (p, i)).ToDictionary(x => x.p.SessionId, x => x.i);
        Assert.All(chart.Cumulative.Zip(chart.Bankroll), p => Assert.Equal(full.Bankroll[byId[p.First.SessionId]], p.Second));
        // Every figure but the series is the same.
        Assert.Equal(full with { Cumulative = [], Bankroll = [] }, chart with { Cumulative = [], Bankroll = [] }, new FiguresComparer());

        // The fewest points asked for are kept too: both ends, and with a third the deepest drawdown.
        foreach (var max in new[] { 2, 3, 4 })
        {
            var few = StatisticsCalculator.Compute(sessions, new RiskInputs(100_000), TimeZoneInfo.Utc, chartPoints: max).Cumulative;
            Assert.InRange(few.Count, 2, max);
            Assert.Equal([full.Cumulative[0], full.Cumulative[^1]], [few[0], few[^1]]);
        }

        Assert.Contains(full.Cumulative.MaxBy(p => p.Drawdown)!, StatisticsCalculator.Compute(sessions, new RiskInputs(100_000), TimeZoneInfo.Utc, chartPoints: 3).Cumulative);
    }

    [Fact]
    public void A_venue_typed_in_another_case_is_the_same_venue_named_as_first_typed()
    {
        List<SessionResult> sessions = [Cash(0, 1_000, 2, venue: "Aria"), Cash(1, -400, 2, venue: "ARIA"), Cash(2, 300, 1, venue: "Wynn"), Cash(3, 50, 1, venue: "aria")];
        var s = StatisticsCalculator.Compute(sessions, new RiskInputs(null), TimeZoneInfo.Utc);
        Assert.Equal([("Aria", 3, 650L), ("Wynn", 1, 300L)], s.ByVenue.Select(v => (v.Key, v.Sessions, v.Net)));
    }

    [Fact]
    public void Big_blinds_per_100_hands_use_only_sessions_with_known_hands()
    {
        var s = StatisticsCalculator.Compute([Cash(0, 2_000, 2, hands: 60), Cash(1, -1_000, 1, hands: 40), Cash(2, 50_000, 3)], new RiskInputs(null), TimeZoneInfo.Utc);
        Assert.Equal(5.00m, s.BigBlindsPer100); // (10 − 5) bb over 100 hands
        Assert.Equal(new BigBlindsBasis(SessionsPer100: 2, SessionsPerHour: 3, Hands: 100), s.BigBlindsBasis); // said next to the rates, which cover different sessions
        Assert.Null(s.Risk);
    }

    [Fact]
    public void Weekdays_and_hours_are_those_of_the_players_time_zone()
    {
        var late = new SessionResult(Guid.NewGuid(), "cash", "NLHE", "live", "100/200", 200, "Aria", "USD", [],
            new DateTimeOffset(2026, 1, 6, 3, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 6, 6, 30, 0, TimeSpan.Zero), 10_800, 900, 20_000, null, null, null, null);
        var vegas = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var s = StatisticsCalculator.Compute([late], new RiskInputs(null), vegas);
        Assert.Equal("1", Assert.Single(s.ByWeekday).Key);  // Monday 19:30 in Las Vegas, Tuesday 03:30 UTC
        Assert.Equal("19", Assert.Single(s.ByHour).Key);
        Assert.Equal((1, 19), (s.Heatmap[0].Weekday, s.Heatmap[0].Hour));
        Assert.Equal("America/Los_Angeles", s.TimeZone); // the answer names the zone its weekdays and hours are in
    }

    [Fact]
    public void A_sessions_month_and_date_range_are_those_of_its_tables_clock()
    {
        // 00:30 on 1 December in Madrid is 15:30 on 30 November in Los Angeles, where it is looked at from.
        var at = new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero);
        SessionResult Played(string zone) => new(Guid.NewGuid(), "cash", "NLHE", "live", "100/200", 200, "Casino Barcelona", "EUR", [],
            at, at.AddHours(3), 10_800, 6_000, 20_000, null, null, null, null, zone);
        var (madrid, unknown) = (Played("Europe/Madrid"), Played(""));
        var vegas = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        Assert.Equal("2026-12", Assert.Single(StatisticsCalculator.Compute([madrid], new RiskInputs(null), vegas).ByMonth).Key);
        Assert.Equal("2026-11", Assert.Single(StatisticsCalculator.Compute([unknown], new RiskInputs(null), vegas).ByMonth).Key);

        // December in Los Angeles's calendar holds the Madrid session (listed under 1 December), not the other.
        var december = new StatsFilter(From: new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(-8)), TimeZone: "America/Los_Angeles");
        Assert.True(december.NarrowsInMemory);
        Assert.True(december.Matches(madrid, vegas));
        Assert.False(december.Matches(unknown, vegas));
        var november = new StatsFilter(To: new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(-8)).AddTicks(-1), TimeZone: "America/Los_Angeles");
        Assert.False(november.Matches(madrid, vegas));
        Assert.True(november.Matches(unknown, vegas));
        Assert.True(StatsFilter.ZoneSlack >= TimeSpan.FromHours(26)); // the store is asked wide enough for any two clocks
    }

    [Fact]
    public void Random_session_sets_agree_with_a_naive_reference()
    {
        var random = new Random(20261129);
        for (var set = 0; set < 300; set++)
        {
            var n = random.Next(1, 80);
            var sessions = Enumerable.Range(0, n).Select(i =>
            {
                var hours = 0.25 + random.NextDouble() * 9;
                var bb = new[] { 100L, 200L, 500L }[random.Next(3)];
                var net = (long)Math.Round((random.NextDouble() - 0.45) * 60 * bb * Math.Sqrt(hours));
                return Cash(i, net, hours, bb, random.Next(3) == 0 ? null : random.Next(20, 400), venue: $"V{random.Next(4)}");
            }).ToList();
            var bankroll = (long)random.Next(1_000, 500_000);
            var s = StatisticsCalculator.Compute(sessions, new RiskInputs(bankroll, 0.01), TimeZoneInfo.Utc);
            var r = Reference.Of(sessions, bankroll, 0.01);

            Assert.Equal(r.Net, s.NetResult);
            AssertClose(r.Mu, s.HourlyRate);
            if (n > 1)
            {
                AssertClose(r.Sigma, s.StandardDeviationPerHour);
                var t = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, n - 1, 0.975);
                AssertClose(r.Mu - t * r.Sigma / Math.Sqrt(r.Hours), s.HourlyRateInterval?.Low);
                AssertClose(r.Mu + t * r.Sigma / Math.Sqrt(r.Hours), s.HourlyRateInterval?.High);
            }
            AssertClose(r.BbPerHour, s.BigBlindsPerHour);
            Assert.Equal(r.MaxDrawdown, s.MaxDrawdown);
            Assert.Equal(r.CurrentDownswing, s.CurrentDownswing);
            Assert.Equal(r.LongestWin, s.LongestWinningStreak);
            Assert.Equal(r.LongestLoss, s.LongestLosingStreak);
            if (n == 1)
            {
                Assert.Null(s.Risk); // one session tells nothing about the spread: no deviation, interval or risk
                Assert.Null(s.StandardDeviationPerHour);
            }
            else
            {
                Assert.Equal(r.Ror, s.Risk!.Probability, 9);
                Assert.Equal(r.BankrollForTarget, s.Risk.BankrollForTarget);
            }
            foreach (var venue in s.ByVenue)
            {
                Assert.Equal(sessions.Where(x => string.Equals(x.Venue, venue.Key, StringComparison.OrdinalIgnoreCase)).Sum(x => x.Net), venue.Net);
            }
        }
    }

    private static void AssertClose(double expected, decimal? actual)
    {
        Assert.NotNull(actual);
        Assert.True(Math.Abs(expected - (double)actual!.Value) <= 0.0051, $"expected {expected}, got {actual}");
    }

    /// <summary>The formulas written out the plain way, independently of the production code.</summary>
    private sealed record Reference(long Net, double Hours, double Mu, double Sigma, double BbPerHour, long MaxDrawdown, long CurrentDownswing,
        int LongestWin, int LongestLoss, double Ror, long? BankrollForTarget)
    {
        public static Reference Of(List<SessionResult> sessions, long bankroll, double target)
        {
            var ordered = sessions.OrderBy(s => s.EndedAt).ToList();
            double hours = 0, net = 0, bb = 0;
            foreach (var s in ordered)
            {
                hours += s.PlayingSeconds / 3600.0;
                net += s.Net;
                bb += (double)s.Net / s.BigBlind!.Value;
            }

            var mu = net / hours;
            double sum = 0;
            foreach (var s in ordered)
            {
                var t = s.PlayingSeconds / 3600.0;
                sum += (s.Net - mu * t) * (s.Net - mu * t) / t;
            }

            var variance = sum / (ordered.Count - 1);
            long maxDd = 0, current = 0;
            for (var k = 0; k < ordered.Count; k++)
            {
                var cumK = ordered.Take(k + 1).Sum(s => s.Net);
                var peak = Math.Max(0, Enumerable.Range(0, k + 1).Max(j => ordered.Take(j + 1).Sum(s => s.Net)));
                maxDd = Math.Max(maxDd, peak - cumK);
                current = peak - cumK;
            }

            var signs = string.Concat(ordered.Select(s => s.Net > 0 ? 'W' : s.Net < 0 ? 'L' : '0'));
            int Longest(char c) => signs.Split(signs.Where(x => x != c).Distinct().ToArray()).Select(run => run.Length).DefaultIfEmpty(0).Max();
            var ror = mu <= 0 ? 1.0 : Math.Exp(-2 * mu * bankroll / variance);
            long? needed = mu > 0 ? (long)Math.Ceiling(-variance * Math.Log(target) / (2 * mu)) : null;
            return new Reference((long)net, hours, mu, Math.Sqrt(variance), bb / hours, maxDd, current, Longest('W'), Longest('L'), ror, needed);
        }
    }

    /// <summary>Two results with the same figures (records compare lists by reference, so by JSON here).</summary>
    private sealed class FiguresComparer : IEqualityComparer<PlayerStatistics>
    {
        public bool Equals(PlayerStatistics? x, PlayerStatistics? y) =>
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(PlayerStatistics obj) => 0;
    }
}
