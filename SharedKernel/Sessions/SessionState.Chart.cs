using PokerTracker.Contracts.Events;

namespace PokerTracker.SharedKernel.Sessions;

/// <summary>The stack chart of a session: its points, its last one as corrections leave it, and the stack now.</summary>
public sealed partial class SessionState
{
    /// <summary>
    /// The stack after <paramref name="e"/>, when the event changed it (a stack update, a cash
    /// game's buy-in adding chips, its cash-out): a point of the stack chart. Call after applying the event.
    /// </summary>
    public long? StackChangedBy(SessionEventEnvelope e) => e.PayloadCase switch
    {
        SessionEventEnvelope.PayloadOneofCase.StackUpdated => e.StackUpdated.Amount,
        // A rebuy logged for a time before the last stack reported is in that stack already: its point is the
        // chart's stack at its time with its chips, as worked out when it was recorded (none in events before that).
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
    /// corrected since (the point the cash-out first made keeps its first amount and time).
    /// </summary>
    public (DateTimeOffset At, long Amount)? ChartEnd() =>
        IsCash && Status == SessionStatus.Ended && CashOut is { } left && EndedAt is { } end ? (end, left) : null;

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

        var logged = state.WithBuyInTimes(points, p => p.Sequence, (p, at) => (p.Sequence, at, p.Amount));
        return state.WithChartEnd(logged, p => p.Sequence, (p, end) => (p.Sequence, end.At, end.Amount));
    }

    /// <summary>
    /// A chart's points with its last one as the session now says (see <see cref="ChartEnd"/>): the
    /// cash-out's point is the last one made (no point follows a session's end), and a correction of
    /// the cash-out or of the end time moves it instead of adding one.
    /// </summary>
    public IReadOnlyList<T> WithChartEnd<T>(IReadOnlyList<T> points, Func<T, long> sequence, Func<T, (DateTimeOffset At, long Amount), T> moved)
    {
        if (ChartEnd() is not { } end || points.Count == 0)
        {
            return points;
        }

        var last = 0;
        for (var i = 1; i < points.Count; i++)
        {
            if (sequence(points[i]) > sequence(points[last]))
            {
                last = i;
            }
        }

        var result = points.ToList();
        result[last] = moved(result[last], end);
        return result;
    }
}
