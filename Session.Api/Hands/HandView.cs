using PokerTracker.Contracts.Hands;

namespace PokerTracker.SessionApi.Hands;

public sealed record HandPlayerView(string Name, int Seat, string Position, long Stack, string? Cards, long Invested, long Collected, long Net, bool Hero,
    double? AllInEquity, long? AllInAdjustedNet);

public sealed record HandActionView(string Street, string Player, string Kind, long Amount, long? RaiseTo, bool AllIn);

public sealed record HandReviewView(string Seat, double Stack, double Ante, string HandClass, string Choice, string Best, bool Correct, double EvLost, double EquilibriumFrequency);

/// <summary>One hand for the replayer: seats, cards, every action in order, the boards and the pot. Money in minor units (or chips).</summary>
public sealed record HandView(
    string Site, string HandId, DateTimeOffset StartedAt, string Game, string Currency, string? TournamentId, long SmallBlind, long BigBlind, long Ante,
    string Table, int MaxSeats, int Button, string? Hero, long TotalPot, long Rake, IReadOnlyList<string> Boards, IReadOnlyList<HandPlayerView> Players,
    IReadOnlyList<HandActionView> Actions, HandReviewView? Review)
{
    private static readonly string[] Streets = ["preflop", "flop", "turn", "river"];

    public static HandView From(ImportedHand h) => new(
        h.Site, h.HandId, h.StartedAt.ToDateTimeOffset(), h.Game, h.Currency, h.TournamentId is { Length: > 0 } t ? t : null, h.SmallBlind, h.BigBlind, h.Ante,
        h.Table, h.MaxSeats, h.Button, h.Hero is { Length: > 0 } hero ? hero : null, h.TotalPot, h.Rake, [.. h.Boards],
        [.. h.Players.OrderBy(p => p.Seat).Select(p => new HandPlayerView(p.Name, p.Seat, p.Position, p.Stack, p.Cards is { Length: > 0 } c ? c : null,
            p.Invested, p.Collected, p.Collected - p.Invested, p.Hero, p.AllInAdjusted ? p.AllInEquity : null, p.AllInAdjusted ? p.AllInEvNet : null))],
        [.. h.Actions.Select(a => new HandActionView(Streets[Math.Clamp(a.Street, 0, 3)], a.Player, a.Kind, a.Amount, a.RaiseTo > 0 ? a.RaiseTo : null, a.AllIn))],
        h.Review is { } r ? new HandReviewView(r.Seat, r.Stack, r.Ante, r.HandClass, r.Choice, r.Best, r.Correct, r.EvLost, r.EquilibriumFrequency) : null);
}
