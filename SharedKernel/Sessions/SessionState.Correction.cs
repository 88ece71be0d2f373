using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;

namespace PokerTracker.SharedKernel.Sessions;

/// <summary>A correction of a session: its terms, results and times, with what was logged at a moved start or end.</summary>
public sealed partial class SessionState
{
    /// <summary>Each correction: when it was made, why, and what it changed (null until the first).</summary>
    public List<CorrectionEntry>? CorrectionLog { get; set; }

    private void ApplyCorrection(SessionCorrected c, DateTimeOffset at)
    {
        (CorrectionLog ??= []).Add(new CorrectionEntry(at, c.Reason, Changed(c)));
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

    /// <summary>The fields a correction names, as the API calls them.</summary>
    private static List<string> Changed(SessionCorrected c)
    {
        var names = new List<string>();
        void Add(bool named, string name)
        {
            if (named) names.Add(name);
        }

        Add(c.HasVenue, "venue");
        Add(c.HasGame, "game");
        Add(c.HasGameName, "gameName");
        Add(c.HasFormat, "format");
        Add(c.Tags is not null, "tags");
        Add(c.Stakes is not null, "stakes");
        Add(c.Tournament is not null, "tournament");
        Add(c.StartedAt is not null, "startedAt");
        Add(c.EndedAt is not null, "endedAt");
        Add(c.HasCashOut, "cashOut");
        Add(c.HasTotalBuyIn, "totalBuyIn");
        Add(c.HasPrize, "prize");
        Add(c.HasFinishPosition, "finishPosition");
        Add(c.HasFieldSize, "fieldSize");
        Add(c.HasHandsPlayed, "handsPlayed");
        return names;
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
}

/// <summary>One correction of a session: when it was made, the player's reason ("" when none), the fields it changed.</summary>
public sealed record CorrectionEntry(DateTimeOffset At, string Reason, IReadOnlyList<string> Fields);
