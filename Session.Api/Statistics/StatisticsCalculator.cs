namespace PokerTracker.SessionApi.Statistics;

/// <summary>
/// Statistics of a set of sessions. The hourly rate is the maximum-likelihood estimate for sessions
/// of unequal length, μ = Σx/Σt, with σ² = (1/N)·Σ(x − μt)²/t (each session's result x over t hours
/// is taken as normal with mean μt and variance σ²t). Pure: same sessions in, same figures out.
/// </summary>
public static class StatisticsCalculator
{
    public const double Z95 = 1.959963984540054;

    public static PlayerStatistics Compute(IReadOnlyList<SessionResult> all, RiskInputs risk, TimeZoneInfo zone, string? currency = null)
    {
        var currencies = all.GroupBy(s => s.Currency).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).ToList();
        var chosen = currency ?? currencies.FirstOrDefault();
        var sessions = all.Where(s => s.Currency == chosen).OrderBy(s => s.EndedAt).ThenBy(s => s.Id).ToList();

        var timed = sessions.Where(s => s.PlayingSeconds >= 60).ToList();
        var totalHours = timed.Sum(s => s.Hours);
        double? mu = totalHours > 0 ? timed.Sum(s => (double)s.Net) / totalHours : null;
        // The spread needs at least two sessions; one session says nothing about it.
        double? variance = mu is { } m && timed.Count >= 2
            ? timed.Sum(s => Math.Pow(s.Net - m * s.Hours, 2) / s.Hours) / timed.Count
            : null;
        var sigma = variance is { } v ? Math.Sqrt(v) : (double?)null;

        ConfidenceInterval? interval = mu is { } mean && sigma is { } sd && totalHours > 0
            ? new ConfidenceInterval(Money(mean - Z95 * sd / Math.Sqrt(totalHours)), Money(mean + Z95 * sd / Math.Sqrt(totalHours)), 0.95m)
            : null;

        var curve = Curve(sessions);
        return new PlayerStatistics(
            chosen,
            currencies,
            sessions.Count,
            Round(sessions.Sum(s => s.Hours)),
            sessions.Sum(s => s.Net),
            mu is { } rate ? Money(rate) : null,
            BigBlindsPerHour(sessions),
            BigBlindsPer100(sessions),
            sigma is { } s2 ? Money(s2) : null,
            interval,
            Risk(risk, mu, variance),
            curve.Select(p => p.Drawdown).DefaultIfEmpty(0).Max(),
            curve.Count > 0 ? curve[^1].Drawdown : 0,
            Streak(sessions, s => s.Net > 0),
            Streak(sessions, s => s.Net < 0),
            sessions.MaxBy(s => s.Net) is { } best ? Highlight(best) : null,
            sessions.MinBy(s => s.Net) is { } worst ? Highlight(worst) : null,
            Breakdown(sessions, s => s.Stakes),
            Breakdown(sessions, s => s.Venue),
            Breakdown(sessions, s => s.Game),
            Breakdown(sessions, s => ((int)Local(s.StartedAt, zone).DayOfWeek).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Breakdown(sessions, s => Local(s.StartedAt, zone).Hour.ToString("00", System.Globalization.CultureInfo.InvariantCulture)),
            Tournaments(sessions),
            curve,
            Bankroll(sessions, risk.Bankroll ?? 0),
            Heatmap(sessions, zone));
    }

    private static decimal? BigBlindsPerHour(List<SessionResult> sessions)
    {
        var cash = sessions.Where(s => s.BigBlind is > 0 && s.PlayingSeconds >= 60).ToList();
        var hours = cash.Sum(s => s.Hours);
        return hours > 0 ? Round(cash.Sum(s => (double)s.Net / s.BigBlind!.Value) / hours) : null;
    }

    private static decimal? BigBlindsPer100(List<SessionResult> sessions)
    {
        var known = sessions.Where(s => s.BigBlind is > 0 && s.HandsPlayed is > 0).ToList();
        var hands = known.Sum(s => (double)s.HandsPlayed!.Value);
        return hands > 0 ? Round(known.Sum(s => (double)s.Net / s.BigBlind!.Value) / hands * 100) : null;
    }

    private static RiskOfRuin? Risk(RiskInputs inputs, double? mu, double? variance)
    {
        if (inputs.Bankroll is not { } bankroll || mu is not { } m || variance is not { } v || v <= 0)
        {
            return null;
        }

        var probability = m <= 0 ? 1.0 : Math.Exp(-2 * m * bankroll / v);
        long? needed = m > 0 && inputs.TargetRisk is > 0 and < 1 ? (long)Math.Ceiling(-v * Math.Log(inputs.TargetRisk) / (2 * m)) : null;
        return new RiskOfRuin(bankroll, probability, inputs.TargetRisk, needed);
    }

    private static List<CurvePoint> Curve(List<SessionResult> sessions)
    {
        var points = new List<CurvePoint>(sessions.Count);
        long cumulative = 0, peak = 0;
        foreach (var s in sessions)
        {
            cumulative += s.Net;
            peak = Math.Max(peak, cumulative);
            points.Add(new CurvePoint(s.EndedAt, s.Id, s.Net, cumulative, peak, peak - cumulative));
        }

        return points;
    }

    private static List<BankrollPoint> Bankroll(List<SessionResult> sessions, long start)
    {
        var points = new List<BankrollPoint>(sessions.Count);
        var bankroll = start;
        foreach (var s in sessions)
        {
            bankroll += s.Net;
            points.Add(new BankrollPoint(s.EndedAt, bankroll));
        }

        return points;
    }

    private static int Streak(List<SessionResult> sessions, Func<SessionResult, bool> counts)
    {
        int longest = 0, current = 0;
        foreach (var s in sessions)
        {
            current = counts(s) ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return longest;
    }

    private static List<Breakdown> Breakdown(List<SessionResult> sessions, Func<SessionResult, string> key) =>
        sessions.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var timed = g.Where(s => s.PlayingSeconds >= 60).ToList();
            var hours = timed.Sum(s => s.Hours);
            return new Breakdown(g.Key, g.Count(), Round(g.Sum(s => s.Hours)), g.Sum(s => s.Net),
                hours > 0 ? Money(timed.Sum(s => (double)s.Net) / hours) : null, BigBlindsPerHour(g.ToList()));
        }).ToList();

    private static TournamentSummary? Tournaments(List<SessionResult> sessions)
    {
        var entries = sessions.Where(s => s.Kind == "tournament").ToList();
        if (entries.Count == 0)
        {
            return null;
        }

        var invested = entries.Sum(s => s.Invested);
        var prizes = entries.Sum(s => s.Prize ?? 0);
        return new TournamentSummary(entries.Count, invested, prizes,
            invested > 0 ? Math.Round((decimal)(prizes - invested) / invested, 4) : null,
            Math.Round((decimal)entries.Count(s => s.Prize > 0) / entries.Count, 4));
    }

    private static List<HeatmapCell> Heatmap(List<SessionResult> sessions, TimeZoneInfo zone) =>
        sessions.GroupBy(s => (Day: (int)Local(s.StartedAt, zone).DayOfWeek, Local(s.StartedAt, zone).Hour))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Hour)
            .Select(g => new HeatmapCell(g.Key.Day, g.Key.Hour, g.Count(), Round(g.Sum(s => s.Hours)), g.Sum(s => s.Net)))
            .ToList();

    private static SessionHighlight Highlight(SessionResult s) => new(s.Id, s.EndedAt, s.Net, s.Venue);

    private static DateTime Local(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).DateTime;

    private static decimal Money(double value) => Math.Round((decimal)value, 2);

    private static decimal Round(double value) => Math.Round((decimal)value, 2);
}
