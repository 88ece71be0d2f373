using PokerTracker.HandHistories.Model;
using PokerTracker.Trainer.Cards;
using PokerTracker.Trainer.Evaluation;

namespace PokerTracker.HandHistories.Statistics;

/// <summary>
/// All-in adjusted winnings: when the money went in before the river between two players whose
/// cards are known, the luck of the rest of the board is taken out — each gets their equity (wins
/// plus half the ties, over every remaining board, counted exactly) of what the two collected.
/// </summary>
public static class AllInEquity
{
    /// <summary>A hand all-in before the river: the two players, their equity in the pot they shared, and that pot.</summary>
    public sealed record AllIn(Street Street, string First, string Second, double FirstEquity, long Pot)
    {
        public double EquityOf(string player) => player == First ? FirstEquity : 1 - FirstEquity;
    }

    /// <summary>The all-in of the hand, or null when there was none before the river (or it cannot be judged: more than two players, unknown cards, not hold'em).</summary>
    public static AllIn? Of(Hand hand)
    {
        if (hand.Variant != GameVariant.Holdem || hand.Boards.Count == 0)
        {
            return null;
        }

        var folded = hand.Actions.Where(a => a.Kind == ActionKind.Fold).Select(a => a.Player).ToHashSet();
        var live = hand.Seats.Where(s => !folded.Contains(s.Player) && hand.Actions.Any(a => a.Player == s.Player && a.PutsIn)).ToList();
        if (live.Count != 2 || live.Any(s => s.Cards.Count != 2) || !hand.Actions.Any(a => a.AllIn))
        {
            return null;
        }

        // The street of the last chips that went in; nothing after it but the board.
        var street = hand.Actions.Where(a => a.PutsIn && a.Kind != ActionKind.Ante).Select(a => a.Street).DefaultIfEmpty(Street.Preflop).Max();
        if (street == Street.River || hand.Actions.Any(a => a.Street > street && a.Kind is not ActionKind.Return))
        {
            return null;
        }

        var known = street switch { Street.Preflop => 0, Street.Flop => 3, _ => 4 };
        var board = hand.Boards[0].Take(known).ToList();
        var collected = hand.Collected();
        var pot = live.Sum(s => collected.GetValueOrDefault(s.Player));
        return new AllIn(street, live[0].Player, live[1].Player, Equity(live[0].Cards, live[1].Cards, board), pot);
    }

    /// <summary>The first hand's equity against the second (ties count half), over every way to complete the board.</summary>
    public static double Equity(IReadOnlyList<Card> first, IReadOnlyList<Card> second, IReadOnlyList<Card> board)
    {
        ulong a = 0, b = 0, shared = 0;
        foreach (var c in first)
        {
            a |= c.Mask;
        }

        foreach (var c in second)
        {
            b |= c.Mask;
        }

        foreach (var c in board)
        {
            shared |= c.Mask;
        }

        var used = a | b | shared;
        var rest = Card.Deck().Where(c => (used & c.Mask) == 0).Select(c => c.Mask).ToArray();
        long wins = 0, ties = 0, total = 0;
        Enumerate(rest, 0, 5 - board.Count, shared, a, b, ref wins, ref ties, ref total);
        return total == 0 ? 0.5 : (wins + ties / 2.0) / total;
    }

    private static void Enumerate(ulong[] rest, int from, int needed, ulong board, ulong a, ulong b, ref long wins, ref long ties, ref long total)
    {
        if (needed == 0)
        {
            var va = HandEvaluator.Evaluate(board | a);
            var vb = HandEvaluator.Evaluate(board | b);
            total++;
            if (va > vb)
            {
                wins++;
            }
            else if (va == vb)
            {
                ties++;
            }

            return;
        }

        for (var i = from; i <= rest.Length - needed; i++)
        {
            Enumerate(rest, i + 1, needed - 1, board | rest[i], a, b, ref wins, ref ties, ref total);
        }
    }
}
