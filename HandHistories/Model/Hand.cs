using PokerTracker.Trainer.Cards;

namespace PokerTracker.HandHistories.Model;

public enum Street
{
    Preflop,
    Flop,
    Turn,
    River,
}

public enum GameVariant
{
    Holdem,
    Omaha,
    FiveCardOmaha,
}

public enum BettingLimit
{
    NoLimit,
    PotLimit,
    FixedLimit,
}

/// <summary>What a player did. Posts, calls, bets and raises put chips in; <see cref="ActionKind.Return"/> gives an uncalled bet back.</summary>
public enum ActionKind
{
    SmallBlind,
    BigBlind,
    Ante,
    Straddle,
    DeadBlind,
    Fold,
    Check,
    Call,
    Bet,
    Raise,
    Return,
}

/// <summary>
/// One action. <see cref="Amount"/> is what it moves, in the hand's units (minor units of the
/// currency, or chips): chips put in the pot by this action (for a raise, the increment over what
/// the player had in on this street), or the uncalled amount returned. <see cref="RaiseTo"/> is the
/// player's street total after a bet or raise.
/// </summary>
public sealed record HandAction(Street Street, string Player, ActionKind Kind, long Amount, long RaiseTo = 0, bool AllIn = false)
{
    public bool PutsIn => Kind is not (ActionKind.Fold or ActionKind.Check or ActionKind.Return);

    public bool Voluntary => Kind is ActionKind.Call or ActionKind.Bet or ActionKind.Raise;

    public bool Aggressive => Kind is ActionKind.Bet or ActionKind.Raise;
}

/// <summary>A seat at the start of the hand; <see cref="Cards"/> when they were seen (dealt to the hero, or shown).</summary>
public sealed record HandSeat(int Number, string Player, long Stack, bool SittingOut, IReadOnlyList<Card> Cards);

/// <summary>Chips a player collected from a pot (main pot, side pots, one per board when run twice).</summary>
public sealed record Winning(string Player, long Amount);

/// <summary>
/// A played hand, as one site recorded it. Money is in the currency's minor units (cents) for cash
/// games and in chips for tournaments (<see cref="Currency"/> "CHIPS") and play money ("PLAY"). Identified by
/// <see cref="Site"/> and <see cref="Id"/>. <see cref="AddedToPot"/> is money the site put in the
/// pot (a "cash drop"), not any player.
/// </summary>
public sealed record Hand(
    string Site,
    string Id,
    DateTimeOffset StartedAt,
    GameVariant Variant,
    BettingLimit Limit,
    string Currency,
    string? TournamentId,
    long SmallBlind,
    long BigBlind,
    long Ante,
    string Table,
    int MaxSeats,
    int Button,
    IReadOnlyList<HandSeat> Seats,
    IReadOnlyList<HandAction> Actions,
    IReadOnlyList<IReadOnlyList<Card>> Boards,
    long TotalPot,
    long Rake,
    IReadOnlyList<Winning> Winnings,
    string? Hero,
    long AddedToPot = 0)
{
    public const string Chips = "CHIPS";

    /// <summary>Play-money cash games: chips too, but never summed with a tournament's.</summary>
    public const string PlayMoney = "PLAY";

    /// <summary>Whether amounts are chips (a tournament's, or play money) rather than money.</summary>
    public static bool InChips(string currency) => currency is Chips or PlayMoney;

    public bool IsTournament => TournamentId is not null;

    /// <summary>"NLHE", "PLO", "PLO5", "FLHE", …</summary>
    public string Game => (Limit switch { BettingLimit.NoLimit => "NL", BettingLimit.PotLimit => "PL", _ => "FL" })
        + Variant switch { GameVariant.Holdem => "HE", GameVariant.Omaha => "O", _ => "O5" };

    public HandSeat? Seat(string player) => Seats.FirstOrDefault(s => s.Player == player);

    /// <summary>What each player put in the pot, net of uncalled bets returned.</summary>
    public IReadOnlyDictionary<string, long> Contributions()
    {
        var put = Seats.ToDictionary(s => s.Player, _ => 0L);
        foreach (var a in Actions)
        {
            put[a.Player] = put.GetValueOrDefault(a.Player) + (a.Kind == ActionKind.Return ? -a.Amount : a.PutsIn ? a.Amount : 0);
        }

        return put;
    }

    /// <summary>What each player won back (all pots, all boards).</summary>
    public IReadOnlyDictionary<string, long> Collected() =>
        Winnings.GroupBy(w => w.Player).ToDictionary(g => g.Key, g => g.Sum(w => w.Amount));
}
