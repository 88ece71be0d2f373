using Google.Protobuf.WellKnownTypes;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>
/// The rules of a session: given its current state and a command, either the events that
/// record the change or a clear refusal. Pure: no I/O, time comes in as <c>now</c>.
/// </summary>
public static partial class SessionDecider
{
    /// <param name="imported">A session from a file: it may have started long ago.</param>
    public static IReadOnlyList<SessionEventEnvelope> Start(StartSessionCommand c, DateTimeOffset now, bool imported = false)
    {
        var v = new Violations();
        var kindOk = EventNames.Kinds.TryParse(c.Kind, out var kind);
        v.When(!kindOk, "kind", "Must be 'cash' or 'tournament'.");
        v.When(!EventNames.Games.TryParse(c.Game, out var game), "game", "Must be one of NLHE, PLO, PLO5, LHE, Stud, Mixed, Other.");
        v.When(!EventNames.Formats.TryParse(c.Format, out var format), "format", "Must be 'live' or 'online'.");
        CheckText(v, "venue", c.Venue, Limits.MaxVenueLength, required: true, singleLine: true);
        CheckText(v, "gameName", c.GameName, Limits.MaxGameNameLength, required: game == GameType.Other && kindOk, singleLine: true);
        v.When(!Currencies.IsValid(c.Currency), "currency", "Must be an ISO 4217 code, e.g. USD or EUR.");
        CheckTags(v, c.Tags);
        var startedAt = c.StartedAt ?? now;
        v.When(startedAt > now + Limits.ClockSkew, "startedAt", "Cannot be in the future.");
        v.When(!imported && startedAt < now - Limits.MaxBackdate, "startedAt", TooLongAgo);
        v.When(startedAt < Limits.EarliestStart, "startedAt", TooEarly);

        v.When(c.TimeZone is { Length: > 0 } zone && Infrastructure.IanaZones.Find(zone) is null,
            "timeZone", "Must be an IANA time zone, e.g. Europe/Paris.");
        var started = new SessionStarted
        {
            TimeZone = c.TimeZone ?? "",
            Imported = imported,
            Kind = kind,
            Game = game,
            GameName = c.GameName?.Trim() ?? "",
            Format = format,
            Venue = c.Venue?.Trim() ?? "",
            Currency = c.Currency ?? "",
            StartedAt = Timestamp.FromDateTimeOffset(startedAt),
        };
        started.Tags.AddRange(NormalizedTags(c.Tags));

        if (kind == SessionKind.Cash)
        {
            v.When(c.Stakes is null, "stakes", "A cash game needs its stakes (small and big blind).");
            v.When(c.Tournament is not null, "tournament", "Only for tournaments.");
            if (c.Stakes is { } stakes)
            {
                started.Stakes = CheckStakes(v, "stakes", stakes);
            }
        }
        else if (kind == SessionKind.Tournament)
        {
            v.When(c.Tournament is null, "tournament", "A tournament needs its buy-in and fee.");
            v.When(c.Stakes is not null, "stakes", "Only for cash games.");
            v.When(c.BuyIn is not null, "buyIn", "A tournament's entry is its tournament.buyIn and tournament.fee; add a re-entry or add-on as a buy-in of its own.");
            if (c.Tournament is { } terms)
            {
                started.Tournament = CheckTournament(v, "tournament", terms, c.Currency);
            }
        }

        if (c.BuyIn is { } buyIn)
        {
            CheckAmount(v, "buyIn", buyIn, allowZero: false, c.Currency);
        }

        v.ThrowIfAny();
        var events = new List<SessionEventEnvelope> { Event(startedAt, e => e.SessionStarted = started) };
        if (c.BuyIn is { } initial)
        {
            events.Add(Event(startedAt, e => e.BuyInAdded = new BuyInAdded { Kind = BuyInKind.Initial, Amount = initial }));
        }

        return events;
    }

    public static SessionEventEnvelope AddBuyIn(SessionState s, AddBuyInCommand c, DateTimeOffset now)
    {
        EnsureActive(s);
        var v = new Violations();
        v.When(!EventNames.BuyInKinds.TryParse(c.Kind, out var kind), "kind", "Must be 'initial', 'rebuy' or 'add-on'.");
        // One initial buy-in per session: money added later is a rebuy or an add-on, or the session would be bought into twice.
        v.When(kind == BuyInKind.Initial && s.BuyIns.Any(b => b.Kind == EventNames.BuyInKinds[BuyInKind.Initial]), "kind",
            "The session already has its initial buy-in: log more money as a rebuy or an add-on.");
        CheckAmount(v, "amount", c.Amount, allowZero: false, s.Currency);
        var at = CheckTime(v, s, "at", c.At, now);
        v.When(s.TotalInvested + c.Amount > Limits.MaxAmount, "amount", "The session's total buy-in would exceed the limit.");
        v.ThrowIfAny();
        EnsureRoom(s.BuyIns.Count, Limits.MaxBuyIns, "buy-ins");
        return Event(at, e => e.BuyInAdded = new BuyInAdded { Kind = kind, Amount = c.Amount });
    }

    public static SessionEventEnvelope UpdateStack(SessionState s, UpdateStackCommand c, DateTimeOffset now)
    {
        EnsureActive(s);
        var v = new Violations();
        CheckAmount(v, "amount", c.Amount, allowZero: true, s.Currency);
        var at = CheckTime(v, s, "at", c.At, now);
        v.ThrowIfAny();
        return Event(at, e => e.StackUpdated = new StackUpdated { Amount = c.Amount });
    }

    /// <summary>A note, while the session runs or after it ended (dated at its end unless told).</summary>
    public static SessionEventEnvelope AddNote(SessionState s, AddNoteCommand c, DateTimeOffset now)
    {
        EnsureChangeableAfterEnd(s);
        var v = new Violations();
        CheckText(v, "text", c.Text, Limits.MaxNoteLength, required: true);
        var at = CheckTime(v, s, "at", c.At ?? s.EndedAt, now);
        v.ThrowIfAny();
        EnsureRoomForNote(s, c.Text, replacing: null);
        return Event(at, e => e.HandNoteAdded = new HandNoteAdded { Text = c.Text.Trim() });
    }

    /// <summary>
    /// An expense, while the session runs or after it ended (a tip given at the cage, or one taken back
    /// by mistake and put back): after the end, dated at the end unless it says when.
    /// </summary>
    public static SessionEventEnvelope AddExpense(SessionState s, AddExpenseCommand c, DateTimeOffset now)
    {
        EnsureChangeableAfterEnd(s);
        var v = new Violations();
        v.When(!EventNames.ExpenseKinds.TryParse(c.Kind, out var kind), "kind", "Must be 'tips', 'food', 'travel' or 'other'.");
        CheckAmount(v, "amount", c.Amount, allowZero: false, s.Currency);
        CheckText(v, "description", c.Description, Limits.MaxDescriptionLength, required: false, singleLine: true);
        var at = CheckTime(v, s, "at", c.At ?? s.EndedAt, now);
        v.ThrowIfAny();
        EnsureRoom(s.Expenses.Count, Limits.MaxExpenses, "expenses");
        return Event(at, e => e.ExpenseAdded = new ExpenseAdded { Kind = kind, Amount = c.Amount, Description = c.Description?.Trim() ?? "" });
    }

    public static SessionEventEnvelope StartBreak(SessionState s, BreakCommand c, DateTimeOffset now)
    {
        EnsureActive(s);
        if (s.OnBreak)
        {
            throw new SessionConflictException("A break is already running; end it first.");
        }

        var v = new Violations();
        var at = CheckTime(v, s, "at", c.At, now);
        v.When(s.Breaks.Count > 0 && s.Breaks[^1].EndedAt > at, "at", "Cannot start before the previous break ended.");
        v.ThrowIfAny();
        EnsureRoom(s.Breaks.Count, Limits.MaxBreaks, "breaks");
        return Event(at, e => e.BreakStarted = new BreakStarted());
    }

    public static SessionEventEnvelope EndBreak(SessionState s, BreakCommand c, DateTimeOffset now)
    {
        EnsureActive(s, ending: true);
        if (!s.OnBreak)
        {
            throw new SessionConflictException("No break is running.");
        }

        var v = new Violations();
        var at = CheckTime(v, s, "at", c.At, now);
        v.When(at < s.Breaks[^1].StartedAt, "at", "Cannot end a break before it started.");
        v.ThrowIfAny();
        return Event(at, e => e.BreakEnded = new BreakEnded());
    }

    public static SessionEventEnvelope End(SessionState s, EndSessionCommand c, DateTimeOffset now)
    {
        EnsureActive(s, ending: true);
        var v = new Violations();
        var at = EndAt(v, s, c.At, CheckTime(v, s, "at", c.At, now));
        v.When(at - s.StartedAt > Limits.MaxSessionLength, "at", SessionTooLong);
        var ended = new SessionEnded { EndedAt = Timestamp.FromDateTimeOffset(at) };
        if (s.IsCash)
        {
            v.When(c.CashOut is null, "cashOut", "A cash game ends with the amount cashed out (0 if busted).");
            v.When(c.Prize is not null || c.FinishPosition is not null || c.FieldSize is not null, "prize", "Prize, finish position and field size are for tournaments.");
            CheckAmount(v, "cashOut", c.CashOut ?? 0, allowZero: true, s.Currency);
            ended.CashOut = c.CashOut ?? 0;
        }
        else
        {
            v.When(c.CashOut is not null, "cashOut", "A tournament ends with a prize, not a cash-out.");
            CheckAmount(v, "prize", c.Prize ?? 0, allowZero: true, s.Currency);
            CheckPlacing(v, c.FinishPosition, c.FieldSize);
            ended.Prize = c.Prize ?? 0;
            if (c.FinishPosition is { } position) ended.FinishPosition = position;
            if (c.FieldSize is { } field) ended.FieldSize = field;
        }

        if (c.HandsPlayed is { } hands)
        {
            v.When(hands < 0 || hands > Limits.MaxHands, "handsPlayed", HandsOutOfRange);
            ended.HandsPlayed = hands;
        }

        v.ThrowIfAny();
        return Event(at, e => e.SessionEnded = ended);
    }

    public static SessionEventEnvelope Discard(SessionState s, DiscardSessionCommand c, DateTimeOffset now)
    {
        if (s.Status == SessionStatus.Discarded)
        {
            throw new SessionConflictException("The session is already discarded.");
        }

        var v = new Violations();
        CheckText(v, "reason", c.Reason, Limits.MaxReasonLength, required: false);
        v.ThrowIfAny();
        return Event(now, e => e.SessionDiscarded = new SessionDiscarded { Reason = c.Reason?.Trim() ?? "" });
    }

    private static SessionEventEnvelope Event(DateTimeOffset at, Action<SessionEventEnvelope> set)
    {
        var envelope = new SessionEventEnvelope { OccurredAt = Timestamp.FromDateTimeOffset(at) };
        set(envelope);
        return envelope;
    }

    /// <param name="ending">Ending a break or the session stays possible a little past the cap: a full session can always be closed.</param>
    public static SessionEventEnvelope EditNote(SessionState s, EditNoteCommand c, DateTimeOffset now)
    {
        EnsureChangeableAfterEnd(s);
        var note = FindNote(s, c.Sequence);
        if (c.Was is { } was && was.Trim() != note.Text)
        {
            throw new NoteChangedException(note.Sequence);
        }

        var v = new Violations();
        CheckText(v, "text", c.Text, Limits.MaxNoteLength, required: true);
        v.ThrowIfAny();
        EnsureRoomForNote(s, c.Text, replacing: note);
        return Event(note.At, e => e.HandNoteEdited = new HandNoteEdited { NoteSequence = note.Sequence, Text = c.Text.Trim() });
    }

    public static SessionEventEnvelope DeleteNote(SessionState s, DeleteNoteCommand c, DateTimeOffset now)
    {
        EnsureChangeableAfterEnd(s);
        var note = FindNote(s, c.Sequence);
        return Event(note.At, e => e.HandNoteDeleted = new HandNoteDeleted { NoteSequence = note.Sequence });
    }

    /// <summary>
    /// An expense typed wrong is taken back while the session runs or after it ended (its net changes,
    /// as with a correction); the event is recorded now, the expense keeps its own time in the log.
    /// </summary>
    public static SessionEventEnvelope DeleteExpense(SessionState s, DeleteExpenseCommand c, DateTimeOffset now)
    {
        EnsureChangeableAfterEnd(s);
        var expense = s.Expenses.Find(x => x.Sequence == c.Sequence) ?? throw new ExpenseNotFoundException(c.Sequence);
        return Event(now, e => e.ExpenseDeleted = new ExpenseDeleted { ExpenseSequence = expense.Sequence });
    }

    private static NoteEntry FindNote(SessionState s, long sequence) =>
        s.Notes.Find(n => n.Sequence == sequence) ?? throw new NoteNotFoundException(sequence);

    /// <summary>Notes and expenses change while the session runs and after it ended, not once it was discarded.</summary>
    private static void EnsureChangeableAfterEnd(SessionState s)
    {
        if (s.Status == SessionStatus.Active)
        {
            EnsureActive(s);
            return;
        }

        if (s.Status == SessionStatus.Discarded)
        {
            throw new SessionConflictException("The session was discarded.");
        }

        if (s.Version >= Limits.MaxEventsPerSession + Limits.ClosingReserve + Limits.NoteChangesAfterEnd)
        {
            throw new QuotaExceededException($"This session's notes and expenses were changed too often ({Limits.NoteChangesAfterEnd} changes after it ended).");
        }
    }

    private static void EnsureActive(SessionState s, bool ending = false)
    {
        switch (s.Status)
        {
            case SessionStatus.Ended:
                throw new SessionConflictException("The session has ended: correct it instead (a correction: PATCH /api/sessions/{id}, or the correctSession mutation).");
            case SessionStatus.Discarded:
                throw new SessionConflictException("The session was discarded.");
        }

        if (s.Version >= Limits.MaxEventsPerSession + (ending ? Limits.ClosingReserve : 0))
        {
            throw new QuotaExceededException($"A session holds at most {Limits.MaxEventsPerSession} events: end this one and start a new one.");
        }
    }
}
