using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;

namespace PokerTracker.SharedKernel.Sessions;

/// <summary>A correction of a session: its terms, results and times, with what was logged at a moved start or end.</summary>
public sealed partial class SessionState
{
    private void ApplyCorrection(SessionCorrected c)
    {
        if (c.HasVenue) Venue = c.Venue;
        if (c.HasGame) Game = EventNames.Games.Name(c.Game);
        if (c.HasGameName) GameName = c.GameName;
        if (c.HasFormat) Format = EventNames.Formats.Name(c.Format);
        if (c.Tags is { } tags) Tags = [.. tags.Tags];
        if (c.Stakes is { } stakes) Stakes = Stakes.From(stakes);
        if (c.Tournament is { } terms) Tournament = TournamentInfo.From(terms);
        if (c.StartedAt is { } started)
        {
            var was = StartedAt;
            StartedAt = started.ToDateTimeOffset();
            MoveLoggedAt(was, StartedAt);
        }

        if (c.EndedAt is { } ended)
        {
            var was = EndedAt;
            EndedAt = ended.ToDateTimeOffset();
            if (was is { } before)
            {
                MoveLoggedAt(before, EndedAt.Value);
            }
        }

        if (c.HasCashOut) CashOut = c.CashOut;
        if (c.HasFinishPosition) FinishPosition = c.FinishPosition;
        if (c.HasFieldSize) FieldSize = c.FieldSize;
        if (c.HasPrize) Prize = c.Prize;
        if (c.HasHandsPlayed) HandsPlayed = c.HandsPlayed;
        if (c.HasTotalBuyIn) TotalBuyInOverride = c.TotalBuyIn;
    }

    /// <summary>
    /// What was logged at the very moment a start or end was corrected from moves with it: the
    /// first buy-in (made with the start), an imported session's notes (its file did not date them,
    /// so they carry its start), and what was added after the end (dated at it), such as a note, an
    /// expense, or a break the end closed. Everything else keeps its time: a correction may not leave
    /// it outside the session (see the decider's check).
    /// </summary>
    private void MoveLoggedAt(DateTimeOffset from, DateTimeOffset to)
    {
        if (from == to)
        {
            return;
        }

        DateTimeOffset Moved(DateTimeOffset at) => at == from ? to : at;
        BuyIns = BuyIns.ConvertAll(b => b with { At = Moved(b.At) });
        Expenses = Expenses.ConvertAll(x => x with { At = Moved(x.At) });
        Notes = Notes.ConvertAll(n => n with { At = Moved(n.At) });
        Breaks = Breaks.ConvertAll(b => new BreakEntry(Moved(b.StartedAt), b.EndedAt is { } back ? Moved(back) : null));
    }

    /// <summary>
    /// A chart's points with a cash game's buy-ins at the times the session now gives them: the
    /// first buy-in's point moves with a corrected start (the live store keeps the time it was logged at).
    /// </summary>
    public IReadOnlyList<T> WithBuyInTimes<T>(IReadOnlyList<T> points, Func<T, long> sequence, Func<T, DateTimeOffset, T> movedTo)
    {
        if (BuyIns.Count == 0 || points.Count == 0)
        {
            return points;
        }

        var times = BuyIns.ToDictionary(b => b.Sequence, b => b.At);
        return points.Select(p => times.TryGetValue(sequence(p), out var at) ? movedTo(p, at) : p).ToList();
    }
}
