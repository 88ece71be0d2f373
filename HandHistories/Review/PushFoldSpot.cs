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

        var sbStack = hand.Seat(sb)!.Stack;
        var bbStack = hand.Seat(bb)!.Stack;
        var effective = Math.Min(sbStack, bbStack);
        var stack = Math.Round((double)effective / hand.BigBlind, 1);
        if (stack > MaxStack || stack < 1)
        {
            return null;
        }

        var ante = Math.Round((double)hand.Ante / hand.BigBlind, 2);
        var cards = HandClass.Of(heroSeat.Cards[0], heroSeat.Cards[1]);
        var sbAction = decisions[sbIndex];
        var shove = sbAction.Kind == ActionKind.Raise && (sbAction.AllIn || sbAction.RaiseTo >= effective - hand.Ante);
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
}
