using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Sessions;

public static partial class SessionDecider
{
    /// <summary>A correction of an ended session: any field, checked like the original, kept as an event.</summary>
    public static SessionEventEnvelope Correct(SessionState s, CorrectSessionCommand c, DateTimeOffset now)
    {
        if (s.Status != SessionStatus.Ended)
        {
            throw new SessionConflictException(s.Status == SessionStatus.Active
                ? "Only an ended session can be corrected; while it runs, record the change itself."
                : "The session was discarded.");
        }

        if (s.Corrections >= Limits.MaxCorrections)
        {
            throw new QuotaExceededException($"A session can be corrected at most {Limits.MaxCorrections} times.");
        }

        var v = new Violations();
        var e = new SessionCorrected { Reason = c.Reason?.Trim() ?? "" };
        CheckText(v, "reason", c.Reason, Limits.MaxReasonLength, required: false);
        if (c.Venue is not null)
        {
            CheckText(v, "venue", c.Venue, Limits.MaxVenueLength, required: true, singleLine: true);
            e.Venue = c.Venue.Trim();
        }

        if (CheckGame(v, c.Game) is { } game)
        {
            e.Game = game;
        }

        if (c.GameName is not null)
        {
            CheckText(v, "gameName", c.GameName, Limits.MaxGameNameLength, required: false, singleLine: true);
            e.GameName = c.GameName.Trim();
        }

        if (c.Format is not null)
        {
            v.When(!EventNames.Formats.TryParse(c.Format, out var format), "format", "Must be 'live' or 'online'.");
            e.Format = format;
        }

        if (c.Tags is not null)
        {
            CheckTags(v, c.Tags);
            e.Tags = new TagList();
            e.Tags.Tags.AddRange(NormalizedTags(c.Tags));
        }

        if (c.Stakes is { } stakes)
        {
            v.When(!s.IsCash, "stakes", "Only for cash games.");
            e.Stakes = CheckStakes(v, "stakes", stakes);
        }

        if (c.Tournament is { } terms)
        {
            v.When(s.IsCash, "tournament", "Only for tournaments.");
            e.Tournament = CheckTournament(v, "tournament", terms, s.Currency);
        }

        var startedAt = c.StartedAt ?? s.StartedAt;
        var endedAt = c.EndedAt ?? s.EndedAt ?? now;
        v.When(startedAt > now + Limits.ClockSkew || endedAt > now + Limits.ClockSkew, c.EndedAt is null ? "startedAt" : "endedAt", "Cannot be in the future.");
        // Named by the time that was sent: a start moved past the end is the start's fault, not the end's.
        v.When(endedAt < startedAt, c.EndedAt is null ? "startedAt" : "endedAt", c.EndedAt is null ? "Cannot be after the end." : "Cannot be before the start.");
        v.When(endedAt - startedAt > Limits.MaxSessionLength, "endedAt", $"A session lasts at most {Limits.MaxSessionLength.TotalDays:0} days.");
        CheckLoggedInside(v, s, c.StartedAt, c.EndedAt);
        if (c.StartedAt is { } correctedStart) e.StartedAt = Timestamp.FromDateTimeOffset(correctedStart);
        if (c.EndedAt is { } correctedEnd) e.EndedAt = Timestamp.FromDateTimeOffset(correctedEnd);

        if (c.CashOut is { } cashOut)
        {
            v.When(!s.IsCash, "cashOut", "Only for cash games.");
            CheckAmount(v, "cashOut", cashOut, allowZero: true, s.Currency);
            e.CashOut = cashOut;
        }

        if (c.Prize is { } prize)
        {
            v.When(s.IsCash, "prize", "Only for tournaments.");
            CheckAmount(v, "prize", prize, allowZero: true, s.Currency);
            e.Prize = prize;
        }

        if (c.FinishPosition is not null || c.FieldSize is not null)
        {
            v.When(s.IsCash, "finishPosition", "Only for tournaments.");
            CheckPlacing(v, c.FinishPosition ?? s.FinishPosition, c.FieldSize ?? s.FieldSize);
            if (c.FinishPosition is { } position) e.FinishPosition = position;
            if (c.FieldSize is { } field) e.FieldSize = field;
        }

        if (c.HandsPlayed is { } hands)
        {
            v.When(hands < 0 || hands > Limits.MaxHands, "handsPlayed", $"Must be between 0 and {Limits.MaxHands}.");
            e.HandsPlayed = hands;
        }

        if (c.TotalBuyIn is { } total)
        {
            CheckAmount(v, "totalBuyIn", total, allowZero: true, s.Currency);
            e.TotalBuyIn = total;
        }

        v.When(IsEmpty(c), "body", "Name at least one field to correct.");
        v.ThrowIfAny();
        var corrected = Event(now, x => x.SessionCorrected = e);
        // A correction to what the session already holds would only use up one of its corrections.
        v.When(ChangesNothing(s, corrected), "body", "The session already has these values: nothing to correct.");
        v.ThrowIfAny();
        return corrected;
    }

    private static bool ChangesNothing(SessionState s, SessionEventEnvelope correction)
    {
        var before = SessionStateJson.Serialize(s);
        var after = SessionStateJson.Deserialize(before);
        after.Apply(correction);
        (after.Version, after.UpdatedAt, after.Corrections, after.CorrectionLog) = (s.Version, s.UpdatedAt, s.Corrections, s.CorrectionLog);
        return SessionStateJson.Serialize(after) == before;
    }

    private static bool IsEmpty(CorrectSessionCommand c) =>
        c with { Reason = null } == new CorrectSessionCommand();

    /// <summary>
    /// The times of what was logged in the session after its start (and before its end, once ended). A
    /// stack report counts at the very start or end too: it does not move with them (it is only ever
    /// logged while the session runs, and an end may have been set at its time, see <see cref="EndAt"/>).
    /// </summary>
    private static List<DateTimeOffset> Logged(SessionState s)
    {
        var ranUntil = s.EndedAt ?? DateTimeOffset.MaxValue;
        return s.BuyIns.Skip(1).Select(b => b.At)
            .Concat(s.Expenses.Select(x => x.At))
            .Concat(s.Breaks.Select(b => b.StartedAt))
            .Concat(s.Breaks.Select(b => b.EndedAt).OfType<DateTimeOffset>())
            .Concat(s.Notes.Select(n => n.At))
            .Concat(new[] { s.FirstStackUpdateAt, s.LastStackAt }.OfType<DateTimeOffset>())
            .Where(at => at > s.StartedAt && at < ranUntil)
            .Concat(new[] { s.FirstStackUpdateAt, s.LastReportAt }.OfType<DateTimeOffset>().Where(at => at == s.StartedAt || at == ranUntil))
            .ToList();
    }

    /// <summary>
    /// When a session ends: at the time asked (now when none is), or at its last entry if that is later
    /// by no more than devices' clocks differ (<see cref="Limits.ClockSkew"/>: one phone's cash-out just
    /// after another phone, its clock a little ahead, logged a stack). Earlier than that, the end would
    /// leave entries after it (a cash-out queued on one device while another logged on): refused.
    /// </summary>
    private static DateTimeOffset EndAt(Violations v, SessionState s, DateTimeOffset? asked, DateTimeOffset at)
    {
        if (Logged(s) is not { Count: > 0 } logged || logged.Max() <= at)
        {
            return at;
        }

        if (asked is not null && logged.Max() - at > Limits.ClockSkew)
        {
            CheckLoggedInside(v, s, null, at, endField: "at");
            return at;
        }

        return logged.Max();
    }

    /// <summary>
    /// What was logged while the session ran stays inside it: a start moved past the first entry, or
    /// an end moved before the last, would leave rebuys, stack updates or notes outside the session's
    /// time, and its timeline and chart would contradict it. Entries at the very start (the first
    /// buy-in; an imported session's notes, which its file did not date) move with it, and so do those
    /// at the very end (notes written after it ended are dated at its end).
    /// </summary>
    private static void CheckLoggedInside(Violations v, SessionState s, DateTimeOffset? start, DateTimeOffset? end, string endField = "endedAt")
    {
        if (start is null && end is null)
        {
            return;
        }

        var logged = Logged(s);
        if (logged.Count == 0)
        {
            return;
        }

        var (first, last) = (logged.Min(), logged.Max());
        var zone = s.TimeZone.Length > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(s.TimeZone, out var played) ? played : null;
        // On the table's clock, as the app shows and takes times, to the second; the advice to the
        // minute the app's fields take (an entry at 07:49:31 is kept by an end at 07:50, not 07:49).
        DateTimeOffset Clock(DateTimeOffset at) => zone is null ? at.ToUniversalTime() : TimeZoneInfo.ConvertTime(at, zone);
        var where = zone is null ? "UTC" : $"at the table ({s.TimeZone})";
        var lastMinute = last.AddTicks(-(last.UtcTicks % TimeSpan.TicksPerMinute));
        var endFrom = lastMinute == last ? last : lastMinute.AddMinutes(1);
        v.When(start > first, "startedAt", string.Create(CultureInfo.InvariantCulture,
            $"Cannot be after the first entry logged in the session, at {Clock(first):yyyy-MM-dd HH:mm:ss} {where}: a start at {Clock(first):HH:mm} or earlier keeps every entry inside it."));
        v.When(end < last, endField, string.Create(CultureInfo.InvariantCulture,
            $"Cannot be before the last entry logged in the session, at {Clock(last):yyyy-MM-dd HH:mm:ss} {where}: an end at {Clock(endFrom):HH:mm} or later keeps every entry inside it."));
    }
}
