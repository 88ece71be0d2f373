using PokerTracker.HandHistories.Model;
using PokerTracker.Trainer.Cards;
using PokerTracker.Trainer.Solver;

namespace PokerTracker.HandHistories.Review;

/// <summary>
/// A hand where the hero faced the trainer's heads-up push/fold decision: everybody folded to the
/// hero in the small blind (shove or fold), or the hero in the big blind faced the small blind's
/// shove with everybody else folded (call or fold), with an effective stack of at most
/// <see cref="MaxStack"/> big blinds. No-limit hold'em only.
/// </summary>
public sealed record PushFoldSpot(TrainingSeat Seat, double Stack, double Ante, HandClass Hand, TrainingChoice Choice)
{
    public const double MaxStack = 25;

    public PushFoldGame Game => new PushFoldGame(Stack, Ante).Normalized();

    public static PushFoldSpot? Of(Hand hand)
    {
        if (hand.Hero is not { } hero || hand.Variant != GameVariant.Holdem || hand.Limit != BettingLimit.NoLimit || hand.BigBlind <= 0
            || hand.Seat(hero) is not { Cards.Count: 2 } heroSeat)
        {
            return null;
        }

        var preflop = hand.Actions.Where(a => a.Street == Street.Preflop).ToList();
        if (preflop.Any(a => a.Kind is ActionKind.Straddle or ActionKind.DeadBlind))
        {
            return null;
        }

        var sb = preflop.FirstOrDefault(a => a.Kind == ActionKind.SmallBlind)?.Player;
        var bb = preflop.FirstOrDefault(a => a.Kind == ActionKind.BigBlind)?.Player;
        if (sb is null || bb is null || sb == bb || (hero != sb && hero != bb))
        {
            return null;
        }

        // Everything before the small blind's first decision is a post or a fold.
        var decisions = preflop.Where(a => a.Kind is not (ActionKind.SmallBlind or ActionKind.BigBlind or ActionKind.Ante or ActionKind.Return)).ToList();
        var sbIndex = decisions.FindIndex(a => a.Player == sb);
        if (sbIndex < 0 || decisions.Take(sbIndex).Any(a => a.Kind != ActionKind.Fold))
        {
            return null;
        }

        // What each of the two can put into the contest besides its own ante (dead money once posted).
        var antes = preflop.Where(a => a.Kind == ActionKind.Ante).ToList();
        long Own(string player) => antes.Where(a => a.Player == player).Sum(a => a.Amount);
        var effective = Math.Min(hand.Seat(sb)!.Stack - Own(sb), hand.Seat(bb)!.Stack - Own(bb));
        if (HeadsUp(antes.Sum(a => a.Amount), effective, hand.BigBlind) is not { } game || game.Stack > MaxStack || game.Stack < PushFoldGame.SmallestStack(game.Ante))
        {
            return null;
        }

        var (stack, ante) = game;

        var cards = HandClass.Of(heroSeat.Cards[0], heroSeat.Cards[1]);
        var sbAction = decisions[sbIndex];
        var shove = sbAction.Kind == ActionKind.Raise && (sbAction.AllIn || sbAction.RaiseTo >= effective);
        if (hero == sb)
        {
            return sbAction.Kind == ActionKind.Fold ? new(TrainingSeat.SmallBlind, stack, ante, cards, TrainingChoice.Fold)
                : shove ? new(TrainingSeat.SmallBlind, stack, ante, cards, TrainingChoice.Aggressive)
                : null; // a limp or a small raise is not a push/fold decision
        }

        if (!shove)
        {
            return null;
        }

        var answer = decisions.Skip(sbIndex + 1).FirstOrDefault(a => a.Player == hero);
        return answer?.Kind switch
        {
            ActionKind.Fold => new(TrainingSeat.BigBlind, stack, ante, cards, TrainingChoice.Fold),
            ActionKind.Call or ActionKind.Raise => new(TrainingSeat.BigBlind, stack, ante, cards, TrainingChoice.Aggressive),
            _ => null,
        };
    }

    /// <summary>The antes the trainer solves (big blinds each); past them, steps of 0.05 up to a whole big blind.</summary>
    private static readonly double[] Antes = [0, 0.05, 0.1, 0.125, 0.15, 0.2, 0.25];

    /// <summary>
    /// The heads-up game with the same chips at stake. The solver's two players each post the same
    /// ante: every ante of the table is dead money, so each posts half of them (a table of nine posting
    /// 0.1 puts 0.45 each in the model; a big-blind ante of 1bb, 0.5 each), and the stack is what the
    /// shorter of the two could put in besides its own ante, plus the model's ante. The pot before the
    /// small blind acts, the pot of a called shove and every fold's loss are then the hand's own, so
    /// each decision's EV difference is too, whoever posted the antes.
    /// </summary>
    private static (double Stack, double Ante)? HeadsUp(long antes, long effective, long bigBlind)
    {
        var dead = (double)antes / 2 / bigBlind;
        var ante = dead <= Antes[^1] + 0.025 ? Antes.MinBy(a => Math.Abs(a - dead)) : Math.Round(dead * 20, MidpointRounding.AwayFromZero) / 20;
        if (ante > 1)
        {
            return null;
        }

        return ((double)Math.Round((decimal)effective / bigBlind + (decimal)ante, 1, MidpointRounding.AwayFromZero), ante);
    }
}
