using PokerTracker.Contracts.Sessions;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>A session as the APIs show it, with every derived figure computed from the same state.</summary>
/// <param name="TimeZone">The IANA zone the session was started in (the clock at its table), or null when not known.</param>
/// <param name="CorrectionLog">Each correction since the end, oldest first (sessions corrected before it was kept show only their count).</param>
public sealed record SessionView(
    Guid Id,
    string Kind,
    string Game,
    string? GameName,
    string Format,
    string Venue,
    string Currency,
    IReadOnlyList<string> Tags,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    Stakes? Stakes,
    TournamentInfo? Tournament,
    long Version,
    SessionTotals Totals,
    bool OnBreak,
    long? CashOut,
    long? Prize,
    int? FinishPosition,
    int? FieldSize,
    int? HandsPlayed,
    int Corrections,
    string? DiscardReason,
    DateTimeOffset? DiscardedAt,
    IReadOnlyList<BuyInEntry> BuyIns,
    IReadOnlyList<ExpenseEntry> Expenses,
    IReadOnlyList<BreakEntry> Breaks,
    IReadOnlyList<NoteEntry> Notes,
    string? TimeZone,
    IReadOnlyList<CorrectionEntry> CorrectionLog)
{
    /// <summary>The session as it is now: its lists are copied, as the state goes on changing with the next command.</summary>
    public static SessionView From(SessionState s, DateTimeOffset now) => From(s, SessionTotals.From(s, now));

    /// <summary>The view with totals already worked out for the session as it is (a command's, made once for its live feed and its answer).</summary>
    public static SessionView From(SessionState s, SessionTotals totals) => new(
        s.Id, s.Kind, s.Game, s.GameName.Length == 0 ? null : s.GameName, s.Format, s.Venue, s.Currency, [.. s.Tags], s.Status,
        s.StartedAt, s.EndedAt, s.Stakes, s.Tournament, s.Version, totals, s.OnBreak,
        s.CashOut, s.Prize, s.FinishPosition, s.FieldSize, s.HandsPlayed, s.Corrections, s.DiscardReason,
        s.Status == SessionStatus.Discarded ? s.UpdatedAt : null, // nothing changes a session after its discard
        [.. s.BuyIns], [.. s.Expenses], [.. s.Breaks], [.. s.Notes], Zone(s), [.. s.CorrectionLog ?? []]);

    /// <summary>The session's zone, null when it was not known at the start.</summary>
    internal static string? Zone(SessionState s) => s.TimeZone.Length == 0 ? null : s.TimeZone;
}

/// <summary>
/// Derived figures. Money in minor units; rates are decimals rounded to 2 places (per hour), or
/// null while under a minute has been played.
/// </summary>
public sealed record SessionTotals(
    long Invested,
    long Expenses,
    long NetResult,
    long? CurrentStack,
    long? PeakStack,
    int PlayingMinutes,
    decimal? HourlyRate,
    decimal? BigBlindsWon,
    decimal? BigBlindsPerHour)
{
    public static SessionTotals From(SessionState s, DateTimeOffset now)
    {
        var played = s.PlayingTime(now);
        // Whole seconds, as the analytics store keeps a session's time, and the same sums as the
        // statistics: a session's rates there are the ones shown here, to the cent.
        var seconds = (long)played.TotalSeconds;
        var net = s.NetResult;
        decimal? bigBlinds = s.IsCash && s.Stakes is { BigBlind: > 0 } st ? (decimal)net / st.BigBlind : null;
        var enough = played >= TimeSpan.FromMinutes(1);
        return new SessionTotals(
            s.TotalInvested,
            s.TotalExpenses,
            net,
            s.CurrentStack,
            s.PeakStack,
            (int)played.TotalMinutes,
            enough ? Math.Round(net * 3600m / seconds, 2) : null,
            bigBlinds is { } won ? Math.Round(won, 2) : null,
            enough && bigBlinds is { } bb ? Math.Round(bb * 3600m / seconds, 2) : null);
    }
}

/// <summary>One row of the session list.</summary>
/// <param name="TimeZone">The IANA zone the session was started in, or null when not known.</param>
public sealed record SessionSummary(
    Guid Id, string Kind, string Game, string Venue, string Currency, string Status,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, Stakes? Stakes, long Version, SessionTotals Totals, string? TimeZone)
{
    public static SessionSummary From(SessionState s, DateTimeOffset now) =>
        new(s.Id, s.Kind, s.Game, s.Venue, s.Currency, s.Status, s.StartedAt, s.EndedAt, s.Stakes, s.Version, SessionTotals.From(s, now), SessionView.Zone(s));
}

public sealed record SessionPage(IReadOnlyList<SessionSummary> Items, string? NextCursor);
