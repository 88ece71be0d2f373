using System.Text.Json;
using PokerTracker.Contracts.Events;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SharedKernel.Tilt;

/// <summary>
/// The running figures of one session from which its tilt features and guard checks are read.
/// Each event updates them in constant time and space: nothing here grows with stack updates, so a
/// session's 20,000th event costs what its 20th did. Tilt.Worker keeps one per session in the live
/// store; the trainer folds a simulated session's events through the same code.
/// </summary>
public sealed class TiltSession
{
    /// <summary>Rebuy times kept for "rebuys in the last hour": more than this in one hour is already the maximum signal.</summary>
    public const int RecentRebuysKept = 32;

    /// <summary>The sequence of the last event applied (0: none); a redelivered event is at or below it.</summary>
    public long LastSequence { get; set; }

    /// <summary>The session as its events describe it, without the notes (text the features never read).</summary>
    public SessionState State { get; set; } = new();

    public DateTimeOffset Start { get; set; }
    public DateTimeOffset Now { get; set; }
    public DateTimeOffset LastRebuy { get; set; }
    public DateTimeOffset LastBreakEnd { get; set; }

    /// <summary>The unit of money for the features: the first buy-in (a tournament's buy-in plus fee).</summary>
    public long FirstBuyIn { get; set; }
    public long LastBuyIn { get; set; }

    /// <summary>The first cash buy-in, the unit of a stop-loss set in buy-ins.</summary>
    public long FirstCashBuyIn { get; set; }

    /// <summary>The newest rebuy times, oldest first (at most <see cref="RecentRebuysKept"/>).</summary>
    public List<DateTimeOffset> RecentRebuys { get; set; } = [];

    /// <summary>
    /// How many stack updates of a cash game gave an equity (result in buy-ins), the last one and the
    /// highest, the buy-in (even, 0) included: a player who only lost since sitting down is below it.
    /// </summary>
    public int Equities { get; set; }
    public double LastEquity { get; set; }
    public double PeakEquity { get; set; }

    /// <summary>The moves between consecutive equities: how many, their sum, the sum of their squares, the last.</summary>
    public int Swings { get; set; }
    public double SwingSum { get; set; }
    public double SwingSquares { get; set; }
    public double LastSwing { get; set; }

    /// <summary>The tilt level last assessed, so that only a rise raises an alert.</summary>
    public TiltLevel Level { get; set; }

    /// <summary>
    /// The best net result at the start or at a stack update, for the drawdown guard. It starts where
    /// the session starts: even for a cash game, minus the entry for a tournament (paying the entry
    /// is not a fall from a best point).
    /// </summary>
    public long PeakNet { get; set; }

    public static TiltSession Of(IEnumerable<SessionEventEnvelope> events)
    {
        var session = new TiltSession();
        foreach (var e in events)
        {
            session.Apply(e);
        }

        return session;
    }

    /// <summary>The figures as JSON, as Tilt.Worker keeps them in the live store.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, SharedJson.Default.TiltSession);

    public static TiltSession FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, SharedJson.Default.TiltSession) ?? throw new JsonException("Tilt figures are empty.");

    /// <summary>Applies the next event of the session (in sequence order).</summary>
    public void Apply(SessionEventEnvelope e)
    {
        LastSequence = e.Sequence;
        if (e.PayloadCase is SessionEventEnvelope.PayloadOneofCase.HandNoteAdded
            or SessionEventEnvelope.PayloadOneofCase.HandNoteEdited or SessionEventEnvelope.PayloadOneofCase.HandNoteDeleted)
        {
            Now = e.OccurredAt.ToDateTimeOffset();
            State.Version = e.Sequence;
            return;
        }

        // An add-on while the player is known to be ahead (a top-up of a winning stack) is not a rebuy
        // after losses: it leaves the rebuy figures as they were. A rebuy is one, whatever the last report said.
        var topUp = e.PayloadCase == SessionEventEnvelope.PayloadOneofCase.BuyInAdded && e.BuyInAdded.Kind == BuyInKind.AddOn
            && State.IsCash && State.LastStack is not null && State.NetResult > 0;
        State.Apply(e);
        Now = e.OccurredAt.ToDateTimeOffset();
        switch (e.PayloadCase)
        {
            case SessionEventEnvelope.PayloadOneofCase.SessionStarted:
                Start = e.SessionStarted.StartedAt.ToDateTimeOffset();
                PeakNet = State.NetResult;
                LastRebuy = LastBreakEnd = Start;
                if (e.SessionStarted.Tournament is { } t)
                {
                    FirstBuyIn = LastBuyIn = t.BuyIn + t.Fee;
                }

                break;
            case SessionEventEnvelope.PayloadOneofCase.BuyInAdded:
                if (FirstCashBuyIn == 0 && State.IsCash)
                {
                    FirstCashBuyIn = e.BuyInAdded.Amount;
                }

                if (FirstBuyIn == 0)
                {
                    FirstBuyIn = e.BuyInAdded.Amount;
                }
                else if (topUp)
                {
                    break;
                }
                else
                {
                    LastRebuy = Now;
                    RecentRebuys.Add(Now);
                    if (RecentRebuys.Count > RecentRebuysKept)
                    {
                        RecentRebuys.RemoveAt(0);
                    }
                }

                LastBuyIn = e.BuyInAdded.Amount;
                break;
            case SessionEventEnvelope.PayloadOneofCase.BreakEnded:
                LastBreakEnd = Now;
                break;
            case SessionEventEnvelope.PayloadOneofCase.StackUpdated:
                PeakNet = Math.Max(PeakNet, State.NetResult);
                // A tournament's stack is chips, not money: it says nothing of the player's result. One
                // reported late, for before the last report, is no move of the stack now.
                if (State.IsCash && State.LastStack is { } stack && State.LastReportAt == e.OccurredAt.ToDateTimeOffset())
                {
                    var equity = (double)(stack - State.TotalInvested) / Math.Max(1, FirstBuyIn);
                    if (Equities > 0)
                    {
                        var swing = equity - LastEquity;
                        Swings++;
                        SwingSum += swing;
                        SwingSquares += swing * swing;
                        LastSwing = swing;
                    }

                    Equities++;
                    LastEquity = equity;
                    PeakEquity = Math.Max(PeakEquity, equity);
                }

                break;
        }
    }

    /// <summary>The model's features as of the last event, in <see cref="TiltFeatures.Names"/> order.</summary>
    public float[] Features(PlayerBaseline baseline)
    {
        var buyIn = Math.Max(1.0, FirstBuyIn);
        // A tournament's result is unknown until it ends: what the player put in beyond the first entry is at risk.
        var net = Equities > 0 ? LastEquity
            : State.IsCash ? -(State.TotalInvested - (State.LastStack ?? State.TotalInvested)) / buyIn
            : -(State.TotalInvested - FirstBuyIn) / buyIn;
        var volatility = Swings > 1 ? Math.Sqrt(SwingSquares / Swings - Math.Pow(SwingSum / Swings, 2)) : 0;
        var hourAgo = Now - TimeSpan.FromHours(1);
        return
        [
            (float)Math.Min(240, (Now - LastRebuy).TotalMinutes),
            RecentRebuys.Count(t => t >= hourAgo),
            (float)(LastBuyIn / buyIn),
            (float)net,
            (float)(Equities > 0 ? Math.Max(0, PeakEquity - LastEquity) : 0),
            (float)State.PlayingTime(Now).TotalHours,
            TiltFeatures.LocalHour(Now, State.TimeZone),
            State.Breaks.Count,
            (float)Math.Min(480, (Now - LastBreakEnd).TotalMinutes),
            (float)volatility,
            (float)(Swings > 0 ? LastSwing : 0),
            (float)(net - baseline.AverageNetInBuyIns),
            baseline.LosingStreak,
        ];
    }
}
