using MathNet.Numerics.Distributions;

namespace PokerTracker.SessionApi.Statistics;

/// <summary>
/// The hourly win-rate model behind the spread, the 95% interval and risk of ruin: each cash session's
/// result x over t hours is taken as normal with mean μt and variance σ²t. μ = Σx/Σt (the
/// maximum-likelihood rate); σ² = Σ(x − μt)²/t / (N − 1) over the N sessions of
/// <see cref="StatisticsCalculator.SpreadMinSeconds"/> or more (divided by N − 1, not N: μ is taken from
/// the same results, and with few sessions dividing by N reads the spread too small — two 4-hour sessions
/// of +$800 and −$400: $300/h by N, $424/h by N − 1); the interval μ ± t·σ/√Σt with Student's t at
/// N − 1 degrees of freedom (12.71 for two sessions, 2.26 for ten, 1.98 for a hundred: the normal's 1.96
/// only once the spread is well known). Tournaments are left out: a tournament's result is no rate times
/// its hours plus normal noise (most entries lose their buy-in, a few win many), so mixed in they would read a
/// cash player's spread many times too wide, and a safe bankroll as a likely ruin.
/// </summary>
public sealed record HourlyModel(double? Rate, double? Variance, int SpreadSessions, ConfidenceInterval? Interval, bool LeavesOutTournaments)
{
    public static HourlyModel Of(IReadOnlyList<SessionResult> sessions)
    {
        var cash = sessions.Where(s => s.Kind != "tournament").ToList();
        var hours = cash.Sum(s => s.Hours);
        // Over the sessions with time played, as the rate shown (one without any has no length to weigh).
        double? mu = hours > 0 ? cash.Where(s => s.PlayingSeconds > 0).Sum(s => (double)s.Net) / hours : null;
        // The spread is of the sessions of a quarter of an hour or more: the model does not hold for a few
        // minutes, where one pot lost would weigh as hours at a wild rate (−$1,680 in 2 minutes: σ from
        // $254 to $1,414/h over 45 sessions). It needs at least two.
        var timed = cash.Where(s => s.PlayingSeconds >= StatisticsCalculator.SpreadMinSeconds).ToList();
        double? variance = mu is { } m && timed.Count >= 2
            ? timed.Sum(s => Math.Pow(s.Net - m * s.Hours, 2) / s.Hours) / (timed.Count - 1)
            : null;

        // The rate's error is over the time it is taken over: every cash session's.
        ConfidenceInterval? interval = null;
        if (mu is { } mean && variance is { } v)
        {
            var margin = StudentT.InvCDF(0, 1, timed.Count - 1, 0.975) * Math.Sqrt(v) / Math.Sqrt(hours);
            interval = new ConfidenceInterval(StatisticsCalculator.Money(mean - margin), StatisticsCalculator.Money(mean + margin), 0.95m);
        }

        return new HourlyModel(mu, variance, variance is null ? 0 : timed.Count, interval, cash.Count < sessions.Count);
    }
}
