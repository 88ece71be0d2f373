namespace PokerTracker.SessionApi.Statistics;

/// <summary>
/// Statistics of a set of sessions. The hourly rate is the money of the sessions with time played over
/// that time, μ = Σx/Σt; a session with none (a row of a spreadsheet written without times: its length
/// is not known) counts in the net and not in any rate. The spread, its interval and risk of ruin are of
/// the cash sessions' model (<see cref="HourlyModel"/>). Pure: same sessions in, same figures out.
/// </summary>
public static partial class StatisticsCalculator
{
    /// <summary>Points per chart series unless the caller asks for another number.</summary>
    public const int DefaultChartPoints = 500;

    /// <param name="chartPoints">
    /// The most points the cumulative and bankroll series may hold (every figure is still computed
    /// from every session). See <see cref="ChartIndexes"/> for which points are kept.
    /// </param>
    /// <summary>The shortest session the spread is taken over: 15 minutes played.</summary>
    public const int SpreadMinSeconds = 15 * 60;

    public static PlayerStatistics Compute(IReadOnlyList<SessionResult> all, RiskInputs risk, TimeZoneInfo zone, string? currency = null, int chartPoints = int.MaxValue)
    {
        var currencies = Currencies(all);
        var chosen = currency ?? currencies.FirstOrDefault();
        var sessions = all.Where(s => s.Currency == chosen).OrderBy(s => s.EndedAt).ThenBy(s => s.Id).ToList();

        var model = HourlyModel.Of(sessions);

        var curve = Curve(sessions);
        // A bankroll given is where the series starts; what the bankrolls hold now already has every
        // result in it, so there the series ends (it starts that much lower).
        var bankroll = Bankroll(sessions, risk.Source == RiskInputs.FromBankrolls && risk.Bankroll is { } held
            ? held - sessions.Sum(x => x.Net)
            : risk.Bankroll ?? 0);
        var shown = ChartIndexes(curve, chartPoints);
        var overall = new Totals();
        // Weekdays, hours and months by the clock at the table, as date ranges select and lists date them.
        var atTable = new DateTime[sessions.Count];
        for (var i = 0; i < sessions.Count; i++)
        {
            overall.Add(sessions[i]);
            atTable[i] = sessions[i].TableStart(zone);
        }

        return new PlayerStatistics(
            chosen,
            currencies,
            sessions.Count,
            overall.Hours,
            overall.Seconds,
            overall.Net,
            // The money of the sessions with time played over that time (a session logged after the fact,
            // start and end a few seconds apart, counts its result); one without any counts in the net only.
            overall.HourlyRate,
            overall.TimedSessions,
            overall.BigBlindsPerHour,
            BigBlindsPer100(sessions),
            new BigBlindsBasis(overall.SessionsWithBlinds, sessions.Count(HandsCounted), sessions.Where(HandsCounted).Sum(s => (long)s.HandsPlayed!.Value)),
            model.Variance is { } v ? Money(Math.Sqrt(v)) : null,
            model.SpreadSessions,
            model.Interval,
            Risk(risk, model.Rate, model.Variance),
            curve.Select(p => p.Drawdown).DefaultIfEmpty(0).Max(),
            curve.Count > 0 ? curve[^1].Drawdown : 0,
            Streak(sessions, s => s.Net > 0),
            Streak(sessions, s => s.Net < 0),
            sessions.MaxBy(s => s.Net) is { } best ? Highlight(best) : null,
            sessions.MinBy(s => s.Net) is { } worst ? Highlight(worst) : null,
            Breakdown(sessions, i => sessions[i].Stakes),
            Breakdown(sessions, i => sessions[i].Venue, StringComparer.OrdinalIgnoreCase),
            Breakdown(sessions, i => sessions[i].Game),
            Breakdown(sessions, i => Weekdays[(int)atTable[i].DayOfWeek]),
            Breakdown(sessions, i => Hours[atTable[i].Hour]),
            Breakdown(sessions, i => Month(atTable[i])),
            [.. all.GroupBy(s => Month(s.TableStart(zone))).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, Sessions: g.Count(), Seconds: g.Sum(s => s.PlayingSeconds)))
                .Select(m => new MonthPlayed(m.Key, m.Sessions, HoursOf(m.Seconds), m.Seconds))],
            Tournaments(sessions),
            shown is null ? curve : shown.Select(i => curve[i]).ToList(),
            shown is null ? bankroll : shown.Select(i => bankroll[i]).ToList(),
            Heatmap(sessions, atTable),
            zone.Id,
            model.LeavesOutTournaments);
    }

    /// <summary>The currencies of the sessions, the most used first: the figures are in the first unless one is asked for.</summary>
    public static List<string> Currencies(IReadOnlyList<SessionResult> all) =>
        [.. all.GroupBy(s => s.Currency).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key)];

    private static readonly string[] Weekdays = [.. Enumerable.Range(0, 7).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    private static readonly string[] Hours = [.. Enumerable.Range(0, 24).Select(h => h.ToString("00", System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>
    /// Which points of a curve a chart of at most <paramref name="max"/> points shows: all of them
    /// when they fit (null); otherwise the first and the last, and in each of (max − 2) / 2 equal
    /// slices the highest cumulative result and the deepest drawdown. The chart so keeps every peak
    /// and every trough that matters, including the maximum drawdown itself.
    /// </summary>
    public static IReadOnlyList<int>? ChartIndexes(IReadOnlyList<CurvePoint> curve, int max)
    {
        var n = curve.Count;
        if (n <= max)
        {
            return null;
        }

        // Both ends, then a peak and a trough per slice; with room for one point more, the deepest drawdown.
        var slices = (max - 2) / 2;
        var kept = new SortedSet<int> { 0, n - 1 };
        if (slices == 0 && max == 3)
        {
            kept.Add(Enumerable.Range(0, n).MaxBy(i => curve[i].Drawdown));
        }

        for (var slice = 0; slice < slices; slice++)
        {
            int from = (int)((long)slice * n / slices), to = (int)((long)(slice + 1) * n / slices);
            int high = from, deep = from;
            for (var i = from + 1; i < to; i++)
            {
                if (curve[i].Cumulative > curve[high].Cumulative) high = i;
                if (curve[i].Drawdown > curve[deep].Drawdown) deep = i;
            }

            kept.Add(high);
            kept.Add(deep);
        }

        return [.. kept];
    }

    private static bool HandsCounted(SessionResult s) => s.BigBlind is > 0 && s.HandsPlayed is > 0;

    private static decimal? BigBlindsPer100(List<SessionResult> sessions)
    {
        var known = sessions.Where(HandsCounted).ToList();
        var hands = known.Sum(s => (double)s.HandsPlayed!.Value);
        return hands > 0 ? Round(known.Sum(s => (double)s.Net / s.BigBlind!.Value) / hands * 100) : null;
    }

    private static RiskOfRuin? Risk(RiskInputs inputs, double? mu, double? variance)
    {
        if (inputs.Bankroll is not { } bankroll || mu is not { } m || variance is not { } v || v <= 0)
        {
            return null;
        }

        var probability = m <= 0 || bankroll <= 0 ? 1.0 : Math.Exp(-2 * m * bankroll / v);
        long? needed = m > 0 && inputs.TargetRisk is > 0 and < 1 ? (long)Math.Ceiling(-v * Math.Log(inputs.TargetRisk) / (2 * m)) : null;
        return new RiskOfRuin(bankroll, probability, inputs.TargetRisk, needed, inputs.Source);
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

    /// <summary>
    /// Per key, in key order; one pass over the sessions. Keys equal under <paramref name="comparer"/>
    /// are one row, named as the first session of the group spells it ("Aria" and "aria" are one venue).
    /// </summary>
    private static List<Breakdown> Breakdown(List<SessionResult> sessions, Func<int, string> key, StringComparer? comparer = null)
    {
        comparer ??= StringComparer.Ordinal;
        var groups = new Dictionary<string, Totals>(comparer);
        for (var i = 0; i < sessions.Count; i++)
        {
            var k = key(i);
            if (!groups.TryGetValue(k, out var totals))
            {
                groups[k] = totals = new Totals();
            }

            totals.Add(sessions[i]);
        }

        return [.. groups.OrderBy(g => g.Key, comparer).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Value.ToBreakdown(g.Key))];
    }

    private static decimal HoursOf(long seconds) => Math.Round(seconds / 3600m, 2);

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

    private static List<HeatmapCell> Heatmap(List<SessionResult> sessions, DateTime[] local)
    {
        var cells = new Totals?[7 * 24];
        for (var i = 0; i < sessions.Count; i++)
        {
            (cells[(int)local[i].DayOfWeek * 24 + local[i].Hour] ??= new Totals()).Add(sessions[i]);
        }

        var heatmap = new List<HeatmapCell>();
        for (var cell = 0; cell < cells.Length; cell++)
        {
            if (cells[cell] is { } t)
            {
                heatmap.Add(new HeatmapCell(cell / 24, cell % 24, t.Sessions, t.Hours, t.Net));
            }
        }

        return heatmap;
    }

    private static SessionHighlight Highlight(SessionResult s) => new(s.Id, s.EndedAt, s.Net, s.Venue, s.StartedAt, s.FromHands);

    internal static decimal Money(double value) => Math.Round((decimal)value, 2);

    private static decimal Round(double value) => Math.Round((decimal)value, 2);

    private static string Month(DateTime atTable) => atTable.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
