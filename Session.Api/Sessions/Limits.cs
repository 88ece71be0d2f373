using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>Bounds on what a session can hold; generous for real play, tight enough to refuse nonsense.</summary>
public static class Limits
{
    /// <summary>10 billion major units: no live game comes near, and sums stay far from overflow.</summary>
    public const long MaxAmount = 1_000_000_000_000;
    public const int MaxVenueLength = 100;
    public const int MaxGameNameLength = 60;
    public const int MaxTags = 10;
    public const int MaxTagLength = 30;
    public const int MaxNoteLength = 2_000;
    public const int MaxNotes = 500;

    /// <summary>The characters of all of a session's notes together (its document is written whole with each command).</summary>
    public const int MaxNoteCharacters = 100_000;
    public const int MaxBuyIns = 200;
    public const int MaxExpenses = 200;
    public const int MaxBreaks = 200;
    public const int MaxDescriptionLength = 200;
    public const int MaxReasonLength = 500;
    public const int MaxEventsPerSession = 20_000;

    /// <summary>Events beyond <see cref="MaxEventsPerSession"/> that ending a break and the session may still use.</summary>
    public const int ClosingReserve = 5;

    /// <summary>Note changes (add, edit, delete) an ended session still takes, beyond its events.</summary>
    public const int NoteChangesAfterEnd = 200;

    public const int MaxCorrections = 100;
    public const int MaxFieldSize = 1_000_000;
    public const int MaxHands = 1_000_000;
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan MaxBackdate = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaxSessionLength = TimeSpan.FromDays(7);
    public static readonly DateTimeOffset EarliestStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>What a player reads for an amount past <see cref="MaxAmount"/>: the limit in their own money where the currency is known.</summary>
    public static string TooLarge(string? currency) => Currencies.IsValid(currency)
        ? $"Must be at most {MoneyText.Format(MaxAmount, currency!)}: no real amount comes near it."
        : "Is beyond any real amount.";
}
