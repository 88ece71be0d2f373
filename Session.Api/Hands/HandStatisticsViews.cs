namespace PokerTracker.SessionApi.Hands;

/// <summary>Money won in one currency (minor units, or chips), as it fell and with all-ins judged by equity.</summary>
public sealed record CurrencyResult(string Currency, long Hands, long Net, long AllInAdjustedNet);

/// <summary>
/// The hero's statistics over a set of hands. Rates are fractions (0.25 = 25%), null when the
/// situation never came up; big blinds per 100 hands over every hand with a big blind. The
/// aggression factor is bets and raises after the flop over calls: null without a call, when
/// <see cref="PostflopBetsAndRaises"/> says whether there was aggression all the same.
/// </summary>
public sealed record HandStatistics(
    long Hands,
    decimal BigBlindsWon,
    decimal? BigBlindsPer100,
    decimal AllInAdjustedBigBlindsWon,
    decimal? AllInAdjustedBigBlindsPer100,
    decimal? Vpip,
    decimal? Pfr,
    decimal? ThreeBet,
    decimal? FoldToThreeBet,
    decimal? ContinuationBet,
    decimal? WentToShowdown,
    decimal? WonAtShowdown,
    decimal? AggressionFactor,
    long PostflopBetsAndRaises,
    long PostflopCalls,
    IReadOnlyList<CurrencyResult> Results);

/// <summary>Statistics in total and by position.</summary>
public sealed record HandStatisticsView(HandStatistics Overall, IReadOnlyDictionary<string, HandStatistics> ByPosition);

/// <summary>One of the hero's hands in a list.</summary>
public sealed record HandSummary(string Site, string HandId, DateTimeOffset StartedAt, string Game, string Currency, long BigBlind,
    bool Tournament, string Position, string Cards, long Net, long AllInAdjustedNet, string? ReviewChoice, double? ReviewEvLost);

public sealed record HandPage(IReadOnlyList<HandSummary> Hands, string? Next);

/// <summary>A push/fold spot the hero played, summed over hands: how often, how often right, and the EV given up.</summary>
public sealed record Leak(string Seat, string StackRange, string HandClass, string Best, long Hands, long Mistakes, double EvLost);

public sealed record ReviewedHand(string Site, string HandId, DateTimeOffset StartedAt, string Seat, double Stack, double Ante, string HandClass,
    string Choice, string Best, bool Correct, double EvLost, double EquilibriumFrequency);

/// <summary>The review of the hero's push/fold decisions against the equilibrium.</summary>
public sealed record PushFoldReviewView(long Spots, long Correct, double EvLost, IReadOnlyList<Leak> Leaks, IReadOnlyList<ReviewedHand> Mistakes);
