using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;

namespace PokerTracker.SharedKernel.Sessions;

/// <summary>
/// A session as its events make it: the one fold every service uses, so the live store, the
/// analytics store and the tilt features agree on what a session is. Rebuild any session exactly
/// with <see cref="Replay"/>. Money is integer minor units of <see cref="Currency"/>.
/// </summary>
public sealed partial class SessionState
{
    public Guid Id { get; set; }
    public string OwnerId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Game { get; set; } = "";
    public string GameName { get; set; } = "";
    public string Format { get; set; } = "";
    public string Venue { get; set; } = "";
    public string Currency { get; set; } = "";
    public List<string> Tags { get; set; } = [];

    /// <summary>The player's IANA time zone when the session started ("" when not known).</summary>
    public string TimeZone { get; set; } = "";

    /// <summary>A session from a file of past sessions, not play happening now.</summary>
    public bool Imported { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string Status { get; set; } = SessionStatus.Active;
    public Stakes? Stakes { get; set; }
    public TournamentInfo? Tournament { get; set; }
    public List<BuyInEntry> BuyIns { get; set; } = [];
    public List<ExpenseEntry> Expenses { get; set; } = [];
    public List<BreakEntry> Breaks { get; set; } = [];
    public List<NoteEntry> Notes { get; set; } = [];
    public long? LastStack { get; set; }
    public DateTimeOffset? LastStackAt { get; set; }

    /// <summary>The time of the last stack reported (not kept by documents written before it existed).</summary>
    public DateTimeOffset? LastReportAt { get; set; }

    /// <summary>When the first stack update was logged (not kept by documents written before it existed).</summary>
    public DateTimeOffset? FirstStackUpdateAt { get; set; }
    public long? PeakStack { get; set; }

    /// <summary>
    /// The highest point of the chart before its end (buy-ins and stack updates): what the peak
    /// falls back to when a correction lowers the cash-out. Not kept by documents written before it
    /// existed: their <see cref="PeakStack"/> stands in for it.
    /// </summary>
    public long? PeakInPlay { get; set; }
    public int StackUpdates { get; set; }
    public long? CashOut { get; set; }
    public int? FinishPosition { get; set; }
    public int? FieldSize { get; set; }
    public long? Prize { get; set; }
    public int? HandsPlayed { get; set; }
    public long? TotalBuyInOverride { get; set; }
    public string? DiscardReason { get; set; }
    public int Corrections { get; set; }

    /// <summary>Sequence number of the last event applied (the session's version).</summary>
    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsCash => Kind == "cash";

    public bool OnBreak => Breaks.Count > 0 && Breaks[^1].EndedAt is null;

    /// <summary>Everything put in: buy-ins, re-buys and add-ons, plus a tournament's entry (buy-in + fee).</summary>
    public long TotalInvested =>
        TotalBuyInOverride ?? BuyIns.Sum(b => b.Amount) + (Tournament is { } t ? t.BuyIn + t.Fee : 0);

    public long TotalExpenses => Expenses.Sum(e => e.Amount);

    /// <summary>
    /// Net result: what came out (cash-out or prize) − invested − expenses. While a cash game is
    /// running (or when it was discarded while running), the latest stack stands for the cash-out.
    /// </summary>
    public long NetResult
    {
        get
        {
            long returned = Status == SessionStatus.Active || DiscardedWhileRunning
                ? (IsCash ? LastStack ?? BuyIns.Sum(b => b.Amount) : 0)
                : (IsCash ? CashOut ?? 0 : Prize ?? 0);
            return returned - TotalInvested - TotalExpenses;
        }
    }

    /// <summary>
    /// Discarded before it ended: its clock stopped when it was discarded (its last change), and its
    /// last stack stands for what the player left with, as while it ran.
    /// </summary>
    private bool DiscardedWhileRunning => Status == SessionStatus.Discarded && EndedAt is null;

    /// <summary>Time at the table: from start to end (or <paramref name="now"/>), breaks excluded.</summary>
    public TimeSpan PlayingTime(DateTimeOffset now)
    {
        var end = EndedAt ?? (DiscardedWhileRunning ? UpdatedAt : now);
        var total = end - StartedAt;
        foreach (var pause in Breaks)
        {
            var pauseEnd = pause.EndedAt ?? end;
            if (pauseEnd > pause.StartedAt)
            {
                total -= (pauseEnd < end ? pauseEnd : end) - pause.StartedAt;
            }
        }

        return total < TimeSpan.Zero ? TimeSpan.Zero : total;
    }

    public static SessionState Replay(IEnumerable<SessionEventEnvelope> events)
    {
        var state = new SessionState();
        foreach (var e in events)
        {
            state.Apply(e);
        }

        return state;
    }

    /// <summary>Applies one event. Events must come in sequence order; validation happened before they were written.</summary>
    public void Apply(SessionEventEnvelope e)
    {
        var at = e.OccurredAt.ToDateTimeOffset();
        switch (e.PayloadCase)
        {
            case SessionEventEnvelope.PayloadOneofCase.SessionStarted:
                var s = e.SessionStarted;
                Id = Guid.Parse(e.SessionId);
                OwnerId = e.UserId;
                Kind = EventNames.Kinds.Name(s.Kind);
                Game = EventNames.Games.Name(s.Game);
                GameName = s.GameName;
                Format = EventNames.Formats.Name(s.Format);
                Venue = s.Venue;
                Currency = s.Currency;
                Tags = [.. s.Tags];
                TimeZone = s.TimeZone;
                Imported = s.Imported;
                StartedAt = s.StartedAt.ToDateTimeOffset();
                Status = SessionStatus.Active;
                Stakes = s.Stakes is { } st ? Stakes.From(st) : null;
                Tournament = s.Tournament is { } tt ? TournamentInfo.From(tt) : null;
                break;
            case SessionEventEnvelope.PayloadOneofCase.BuyInAdded:
                if (IsCash && (BuyIns.Count > 0 || LastStack is not null) && !ArrivedLate(at))
                {
                    // A rebuy or top-up puts its chips on the table: they join the last known stack
                    // (the buy-ins so far, before any stack update) until the next stack update. One
                    // logged for a time before the last stack reported is in that stack already. So
                    // does a first buy-in logged after a stack was reported (a game started without one).
                    SetStack((LastStack ?? BuyIns.Sum(b => b.Amount)) + e.BuyInAdded.Amount, at);
                }

                BuyIns.Add(new BuyInEntry(e.Sequence, EventNames.BuyInKinds.Name(e.BuyInAdded.Kind), e.BuyInAdded.Amount, at));
                break;
            case SessionEventEnvelope.PayloadOneofCase.StackUpdated:
                if (!ArrivedLate(at))
                {
                    // One for an earlier time (sent late from another device) is a point of the chart, not the stack now.
                    // Rebuys already logged for times after this one's are not in it: their chips join it.
                    SetStack(e.StackUpdated.Amount + (IsCash ? RebuysAfter(at) : 0), at);
                    LastReportAt = at;
                }

                FirstStackUpdateAt = FirstStackUpdateAt is { } first && first <= at ? first : at;
                StackUpdates++;
                break;
            case SessionEventEnvelope.PayloadOneofCase.HandNoteAdded:
                Notes.Add(new NoteEntry(e.Sequence, e.HandNoteAdded.Text, at));
                break;
            case SessionEventEnvelope.PayloadOneofCase.HandNoteEdited:
                var edited = Notes.FindIndex(n => n.Sequence == e.HandNoteEdited.NoteSequence);
                if (edited >= 0)
                {
                    Notes[edited] = Notes[edited] with { Text = e.HandNoteEdited.Text, EditedAt = e.RecordedAt?.ToDateTimeOffset() ?? at };
                }

                break;
            case SessionEventEnvelope.PayloadOneofCase.HandNoteDeleted:
                Notes.RemoveAll(n => n.Sequence == e.HandNoteDeleted.NoteSequence);
                break;
            case SessionEventEnvelope.PayloadOneofCase.ExpenseAdded:
                var x = e.ExpenseAdded;
                Expenses.Add(new ExpenseEntry(e.Sequence, EventNames.ExpenseKinds.Name(x.Kind), x.Amount, x.Description, at));
                break;
            case SessionEventEnvelope.PayloadOneofCase.ExpenseDeleted:
                Expenses.RemoveAll(x => x.Sequence == e.ExpenseDeleted.ExpenseSequence);
                break;
            case SessionEventEnvelope.PayloadOneofCase.BreakStarted:
                Breaks.Add(new BreakEntry(at, null));
                break;
            case SessionEventEnvelope.PayloadOneofCase.BreakEnded:
                if (OnBreak)
                {
                    Breaks[^1] = Breaks[^1] with { EndedAt = at };
                }

                break;
            case SessionEventEnvelope.PayloadOneofCase.SessionEnded:
                var end = e.SessionEnded;
                EndedAt = end.EndedAt?.ToDateTimeOffset() ?? at;
                if (OnBreak)
                {
                    Breaks[^1] = Breaks[^1] with { EndedAt = EndedAt };
                }

                Status = SessionStatus.Ended;
                CashOut = IsCash ? end.CashOut : null;
                Prize = IsCash ? null : end.Prize;
                FinishPosition = end.HasFinishPosition ? end.FinishPosition : null;
                FieldSize = end.HasFieldSize ? end.FieldSize : null;
                HandsPlayed = end.HasHandsPlayed ? end.HandsPlayed : null;
                break;
            case SessionEventEnvelope.PayloadOneofCase.SessionCorrected:
                ApplyCorrection(e.SessionCorrected, e.RecordedAt?.ToDateTimeOffset() ?? at);
                Corrections++;
                break;
            case SessionEventEnvelope.PayloadOneofCase.SessionDiscarded:
                Status = SessionStatus.Discarded;
                DiscardReason = e.SessionDiscarded.Reason;
                break;
        }

        // The peak is the stack chart's highest point: a cash game's buy-in (its first point) and
        // cash-out (its last) count as well as the stack updates. A corrected cash-out moves the last point.
        if (e.PayloadCase == SessionEventEnvelope.PayloadOneofCase.SessionCorrected && ChartEnd() is { } corrected)
        {
            PeakStack = Max(PeakInPlay ?? PeakStack, corrected.Amount);
        }
        else if (RedrawnPeak(e) is > 0 and var redrawn)
        {
            PeakInPlay = PeakStack = redrawn;
        }
        else if (StackChangedBy(e) is { } point)
        {
            if (e.PayloadCase != SessionEventEnvelope.PayloadOneofCase.SessionEnded)
            {
                PeakInPlay = Max(PeakInPlay ?? PeakStack, point);
            }

            PeakStack = Max(e.PayloadCase == SessionEventEnvelope.PayloadOneofCase.SessionEnded ? PeakInPlay ?? PeakStack : PeakStack, point);
        }

        Version = e.Sequence;
        UpdatedAt = e.RecordedAt?.ToDateTimeOffset() ?? at;
    }
}

public static class SessionStatus
{
    public const string Active = "active";
    public const string Ended = "ended";
    public const string Discarded = "discarded";
}

public sealed record Stakes(long SmallBlind, long BigBlind, long? Ante, long? Straddle)
{
    public static Stakes From(CashStakes s) => new(s.SmallBlind, s.BigBlind, s.HasAnte ? s.Ante : null, s.HasStraddle ? s.Straddle : null);

    /// <summary>Blinds in minor units, e.g. "100/200" for 1/2: the grouping key of "by stakes" statistics.</summary>
    public string Key => $"{SmallBlind}/{BigBlind}";
}

public sealed record TournamentInfo(long BuyIn, long Fee, long? StartingStack)
{
    public static TournamentInfo From(TournamentTerms t) => new(t.BuyIn, t.Fee, t.HasStartingStack ? t.StartingStack : null);
}

public sealed record BuyInEntry(long Sequence, string Kind, long Amount, DateTimeOffset At);

public sealed record ExpenseEntry(long Sequence, string Kind, long Amount, string Description, DateTimeOffset At);

public sealed record BreakEntry(DateTimeOffset StartedAt, DateTimeOffset? EndedAt);

/// <summary>A hand note, named by the sequence of the event that added it; <see cref="EditedAt"/> once changed.</summary>
public sealed record NoteEntry(long Sequence, string Text, DateTimeOffset At, DateTimeOffset? EditedAt = null);
