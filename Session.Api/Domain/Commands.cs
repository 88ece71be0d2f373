namespace PokerTracker.SessionApi.Domain;

// What a player asks for. Amounts are integer minor units of the session's currency.

public sealed record StakesInput(long SmallBlind, long BigBlind, long? Ante = null, long? Straddle = null);

public sealed record TournamentInput(long BuyIn, long Fee = 0, long? StartingStack = null);

public sealed record StartSessionCommand(
    string Kind,
    string Game,
    string Format,
    string Venue,
    string Currency,
    string? GameName = null,
    IReadOnlyList<string>? Tags = null,
    DateTimeOffset? StartedAt = null,
    StakesInput? Stakes = null,
    TournamentInput? Tournament = null,
    long? BuyIn = null,
    string? TimeZone = null);

public sealed record AddBuyInCommand(string Kind, long Amount, DateTimeOffset? At = null);

public sealed record UpdateStackCommand(long Amount, DateTimeOffset? At = null);

public sealed record AddNoteCommand(string Text, DateTimeOffset? At = null);

public sealed record AddExpenseCommand(string Kind, long Amount, string? Description = null, DateTimeOffset? At = null);

public sealed record BreakCommand(DateTimeOffset? At = null);

public sealed record EndSessionCommand(
    DateTimeOffset? At = null,
    long? CashOut = null,
    int? FinishPosition = null,
    int? FieldSize = null,
    long? Prize = null,
    int? HandsPlayed = null);

public sealed record CorrectSessionCommand(
    string? Reason = null,
    string? Venue = null,
    string? Game = null,
    string? GameName = null,
    string? Format = null,
    IReadOnlyList<string>? Tags = null,
    StakesInput? Stakes = null,
    TournamentInput? Tournament = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? EndedAt = null,
    long? CashOut = null,
    int? FinishPosition = null,
    int? FieldSize = null,
    long? Prize = null,
    int? HandsPlayed = null,
    long? TotalBuyIn = null);

public sealed record DiscardSessionCommand(string? Reason = null);
