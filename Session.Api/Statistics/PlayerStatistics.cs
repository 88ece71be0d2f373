namespace PokerTracker.SessionApi.Statistics;

/// <summary>
/// A player's results over the filtered sessions, in <see cref="Currency"/>. Sums are minor units;
/// rates are minor units per hour (or big blinds), rounded to 2 places; probabilities are 0..1. Hours
/// are rounded to 2 places too; the seconds beside them are exact (what a time played is shown from).
/// Immutable once computed, so the memory cache hands out the same instance. Weekdays, hours, months,
/// the heatmap and date ranges go by the clock at the table (the zone each session was played in; for
/// a session without one, <see cref="TimeZone"/>, the one asked for, UTC by default).
/// <see cref="HourlyRateSessions"/>: how many sessions the hourly rates are taken over, those with time played
/// (a session without any, such as a spreadsheet's row written without times, counts in the net alone).
/// <see cref="StandardDeviationSessions"/>: how many sessions the spread (and the interval and risk
/// of ruin built on it) is taken over: the cash sessions of <see cref="StatisticsCalculator.SpreadMinSeconds"/>
/// or more; <see cref="SpreadLeavesOutTournaments"/> says that the view has tournaments these leave out
/// (see <see cref="HourlyModel"/>).
/// </summary>
[System.ComponentModel.ImmutableObject(true)]
public sealed record PlayerStatistics(
    string? Currency,
    IReadOnlyList<string> Currencies,
    int Sessions,
    decimal HoursPlayed,
    long SecondsPlayed,
    long NetResult,
    decimal? HourlyRate,
    int HourlyRateSessions,
    decimal? BigBlindsPerHour,
    decimal? BigBlindsPer100,
    BigBlindsBasis BigBlindsBasis,
    decimal? StandardDeviationPerHour,
    int StandardDeviationSessions,
    ConfidenceInterval? HourlyRateInterval,
    RiskOfRuin? Risk,
    long MaxDrawdown,
    long CurrentDownswing,
    int LongestWinningStreak,
    int LongestLosingStreak,
    SessionHighlight? Best,
    SessionHighlight? Worst,
    IReadOnlyList<Breakdown> ByStakes,
    IReadOnlyList<Breakdown> ByVenue,
    IReadOnlyList<Breakdown> ByGame,
    IReadOnlyList<Breakdown> ByWeekday,
    IReadOnlyList<Breakdown> ByHour,
    IReadOnlyList<Breakdown> ByMonth,
    IReadOnlyList<MonthPlayed> HoursByMonth,
    TournamentSummary? Tournaments,
    IReadOnlyList<CurvePoint> Cumulative,
    IReadOnlyList<BankrollPoint> Bankroll,
    IReadOnlyList<HeatmapCell> Heatmap,
    string TimeZone,
    bool SpreadLeavesOutTournaments);

/// <summary>
/// What the big-blind rates are taken over, as they cover different sessions: bb/hour every cash
/// session with its blinds known, bb/100 only those with their hands counted.
/// </summary>
public sealed record BigBlindsBasis(int SessionsPerHour, int SessionsPer100, long Hands);

/// <summary>The range that holds the true hourly rate with the given probability (normal approximation).</summary>
public sealed record ConfidenceInterval(decimal Low, decimal High, decimal Level);

/// <summary>
/// Risk of ruin for a bankroll, RoR = exp(−2μB/σ²), and the bankroll that brings it down to the
/// target. <see cref="Source"/>: "given" (asked for) or "bankrolls" (what the player's bankrolls in
/// this currency hold now, the default).
/// </summary>
public sealed record RiskOfRuin(long Bankroll, double Probability, double TargetRisk, long? BankrollForTarget, string Source = "given");

public sealed record Breakdown(string Key, int Sessions, decimal Hours, long Seconds, long Net, decimal? HourlyRate, decimal? BigBlindsPerHour);

/// <summary>Time played in a month ("2026-11") in every currency: an hours goal has none (the by-month figures are in one).</summary>
public sealed record MonthPlayed(string Key, int Sessions, decimal Hours, long Seconds);

public sealed record TournamentSummary(int Entries, long Invested, long Prizes, decimal? ReturnOnInvestment, decimal? InTheMoney);

/// <summary>The cumulative result after each session (by end), its running peak and the drawdown below it.</summary>
public sealed record CurvePoint(DateTimeOffset At, Guid SessionId, long Net, long Cumulative, long Peak, long Drawdown);

public sealed record BankrollPoint(DateTimeOffset At, long Bankroll);

/// <summary>Results by weekday (0 = Sunday) and hour of session start, by the clock at the table.</summary>
public sealed record HeatmapCell(int Weekday, int Hour, int Sessions, decimal Hours, long Net);

/// <summary>One session singled out (the best, the worst); <c>FromHands</c> as in <see cref="SessionResult"/>.</summary>
public sealed record SessionHighlight(Guid SessionId, DateTimeOffset EndedAt, long Net, string Venue, DateTimeOffset StartedAt, bool FromHands);

/// <summary>Inputs of the risk figures.</summary>
public sealed record RiskInputs(long? Bankroll, double TargetRisk = RiskInputs.DefaultTargetRisk, string Source = "given")
{
    public const double DefaultTargetRisk = 0.05;

    /// <summary>The <see cref="Source"/> when the bankroll is what the player's bankrolls hold now.</summary>
    public const string FromBankrolls = "bankrolls";
}
