using PokerTracker.Contracts.Events;

namespace PokerTracker.SharedKernel.Sessions;

/// <summary>The stack chart of a session: its points drawn in time order, its last one as corrections leave it, and the stack now.</summary>
public sealed partial class SessionState
{
    /// <summary>
    /// The point an event logged for the chart (call after applying it): a stack update's count, a cash
    /// game's buy-in with the stack then, its cash-out. <see cref="Chart"/> draws them again in time order,
    /// so what this gives for a buy-in or the end is what the live page shows until it reads the chart.
    /// </summary>
    public long? StackChangedBy(SessionEventEnvelope e) => e.PayloadCase switch
    {
        SessionEventEnvelope.PayloadOneofCase.StackUpdated => e.StackUpdated.Amount,
        // A rebuy logged for a time before the last stack reported is in that stack already: the chart draws its point
        // from the reports around it (events recorded before that carry the point worked out then).
        SessionEventEnvelope.PayloadOneofCase.BuyInAdded when IsCash => ArrivedLate(e.OccurredAt.ToDateTimeOffset())
            ? e.BuyInAdded.ChartStack is > 0 and var point ? point : null
            : CurrentStack,
        // A cash game ends with what the player left with: the chart's last point.
        SessionEventEnvelope.PayloadOneofCase.SessionEnded when IsCash => CurrentStack,
        _ => null,
    };

    /// <summary>
    /// The chips in front of the player: in a cash game that ended, what they left with (the
    /// cash-out); otherwise the last stack reported, or in a cash game before any report the
    /// buy-ins (the first buy-in is the starting stack, so the chart starts there).
    /// </summary>
    public long? CurrentStack => IsCash && CashOut is { } left
        ? left
        : LastStack ?? (IsCash && BuyIns.Count > 0 ? BuyIns.Sum(b => b.Amount) : null);

    private static long Max(long? a, long b) => a is { } x && x > b ? x : b;

    /// <summary>
    /// The last point of an ended cash game's chart: what the player left with, when they left, as
    /// corrected since (the point the cash-out first made keeps its first amount and time). A game discarded
    /// after it ended keeps it: its page shows the result as corrected.
    /// </summary>
    public (DateTimeOffset At, long Amount)? ChartEnd() =>
        IsCash && Status is SessionStatus.Ended or SessionStatus.Discarded && CashOut is { } left && EndedAt is { } end ? (end, left) : null;

    /// <summary>
    /// The chips of the buy-ins logged for times after <paramref name="at"/> (a loop: every stack update runs it): rebuys
    /// and add-ons, and the first buy-in of a game started without one (made with the start, it is never after a report).
    /// </summary>
    private long RebuysAfter(DateTimeOffset at)
    {
        long sum = 0;
        for (var i = 0; i < BuyIns.Count; i++)
        {
            sum += BuyIns[i].At > at ? BuyIns[i].Amount : 0;
        }

        return sum;
    }

    /// <summary>Whether a stack change at this time comes before the last stack reported (it arrived late, and that report counts it).</summary>
    public bool ArrivedLate(DateTimeOffset at) => LastReportAt is { } last && at < last;

    private void SetStack(long amount, DateTimeOffset at)
    {
        LastStack = amount;
        LastStackAt = LastStackAt is { } last && last > at ? last : at;
    }

    /// <summary>
    /// Whether <paramref name="e"/>, not applied yet, is a cash game's stack update or buy-in for a time before a
    /// point the chart has already (sent late): the points after it are drawn again, and so is the peak.
    /// </summary>
    public bool ComesBeforeLastPoint(SessionEventEnvelope e) =>
        IsCash && e.PayloadCase is SessionEventEnvelope.PayloadOneofCase.StackUpdated or SessionEventEnvelope.PayloadOneofCase.BuyInAdded
        && LastPointAt is { } drawn && e.OccurredAt.ToDateTimeOffset() < drawn;

    /// <summary>The time of the chart's last point before the end: the last stack change, or the first buy-in (the start's, or a later one).</summary>
    private DateTimeOffset? LastPointAt => BuyIns.Count > 0 && (LastStackAt is null || BuyIns[0].At > LastStackAt) ? BuyIns[0].At : LastStackAt;

    /// <summary>The chart's highest point as drawn again when the event arrived late (0 when it came in time order).</summary>
    private static long RedrawnPeak(SessionEventEnvelope e) => e.PayloadCase switch
    {
        SessionEventEnvelope.PayloadOneofCase.StackUpdated => e.StackUpdated.ChartPeak,
        SessionEventEnvelope.PayloadOneofCase.BuyInAdded => e.BuyInAdded.ChartPeak,
        _ => 0,
    };

    /// <summary>
    /// Keeps in <paramref name="e"/> (just applied, and sent late) the highest point of the chart it
    /// changed, and takes it as the peak: whoever applies the event again (history, the analytics store) gets the same.
    /// </summary>
    public void AdoptChartPeak(SessionEventEnvelope e, long peak)
    {
        if (e.PayloadCase == SessionEventEnvelope.PayloadOneofCase.StackUpdated) e.StackUpdated.ChartPeak = peak;
        else if (e.PayloadCase == SessionEventEnvelope.PayloadOneofCase.BuyInAdded) e.BuyInAdded.ChartPeak = peak;
        else return;
        PeakInPlay = PeakStack = peak;
    }

    /// <summary>The stack chart of a session from its events (the live store keeps the same points as they happen).</summary>
    public static IReadOnlyList<(long Sequence, DateTimeOffset At, long Amount)> StackSeries(IEnumerable<SessionEventEnvelope> events)
    {
        var state = new SessionState();
        var points = new List<(long Sequence, DateTimeOffset At, long Amount)>();
        foreach (var e in events)
        {
            state.Apply(e);
            if (state.StackChangedBy(e) is { } amount)
            {
                points.Add((e.Sequence, e.OccurredAt.ToDateTimeOffset(), amount));
            }
        }

        return state.Chart(points);
    }

    /// <summary>
    /// The chart from the points its events logged, drawn again in time order whatever order they
    /// arrived in (a phone's queue, a second device), as the session now says. Each stack report is
    /// the stack at its time; a cash game's buy-in (at the time the session now gives it: the first
    /// moves with a corrected start) adds its chips to the stack at its time; the last point of an
    /// ended cash game is the cash-out as corrected. Drawing a drawn chart again changes nothing.
    /// </summary>
    public IReadOnlyList<(long Sequence, DateTimeOffset At, long Amount)> Chart(IEnumerable<(long Sequence, DateTimeOffset At, long Amount)> logged)
    {
        if (!IsCash)
        {
            return logged.OrderBy(p => p.At).ThenBy(p => p.Sequence).ToList();
        }

        var buyIns = BuyIns.Select(b => b.Sequence).ToHashSet();
        var reports = logged.Where(p => !buyIns.Contains(p.Sequence)).ToList();
        (long Sequence, DateTimeOffset At, long Amount)? end =
            ChartEnd() is { } left && reports.Count > 0 ? (reports.Max(p => p.Sequence), left.At, left.Amount) : null;
        var steps = reports.Where(p => p.Sequence != end?.Sequence).Select(p => (p.Sequence, p.At, p.Amount, Adds: false))
            .Concat(BuyIns.Select(b => (b.Sequence, b.At, b.Amount, Adds: true)))
            .OrderBy(p => p.At).ThenBy(p => p.Sequence);
        var chart = new List<(long Sequence, DateTimeOffset At, long Amount)>();
        long stack = 0;
        foreach (var (sequence, at, amount, adds) in steps)
        {
            stack = adds ? stack + amount : amount;
            chart.Add((sequence, at, stack));
        }

        if (end is { } last)
        {
            chart.Add(last);
        }

        return chart.OrderBy(p => p.At).ThenBy(p => p.Sequence).ToList();
    }
}
