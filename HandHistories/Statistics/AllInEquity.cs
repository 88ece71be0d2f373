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

    /// <summary>The all-in of the hand, or null when there was none before the river (or it cannot be judged: more than two players in the pot once somebody was all-in, unknown cards, not hold'em).</summary>
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

        // Once somebody is all-in, only the two left put chips in: a third player who calls the all-in and
        // folds later has made a side pot that the all-in player cannot win, and the money of the one
        // who is all-in went in streets before the betting that followed.
        var players = live.Select(s => s.Player).ToHashSet();
        if (hand.Actions.SkipWhile(a => !a.AllIn).Skip(1).Any(a => a.PutsIn && !players.Contains(a.Player)))
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
        var key = Key(first, second, board);
        if (Known.TryGetValue(key, out var known))
        {
            return known;
        }

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
        var (wins, ties, total) = Count(rest, 5 - board.Count, shared, a, b);
        var equity = total == 0 ? 0.5 : (wins + ties / 2.0) / total;
        if (Known.Count < MaxKnown)
        {
            Known.TryAdd(key, equity);
        }

        return equity;
    }

    /// <summary>Equities already enumerated, by the matchup with its suits renamed in order of appearance (a preflop all-in takes milliseconds).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, double> Known = new();

    private const int MaxKnown = 200_000;

    private static string Key(IReadOnlyList<Card> first, IReadOnlyList<Card> second, IReadOnlyList<Card> board)
    {
        int[] rename = [-1, -1, -1, -1];
        var next = 0;
        var text = new System.Text.StringBuilder(24);
        void Add(IEnumerable<Card> cards)
        {
            foreach (var c in cards)
            {
                if (rename[c.Suit] < 0)
                {
                    rename[c.Suit] = next++;
                }

                text.Append(Card.Ranks[c.Rank]).Append(Card.Suits[rename[c.Suit]]);
            }

            text.Append('|');
        }

        // Each hand's cards in a fixed order (rank, then suit as dealt) so the same matchup written either way is one key.
        Add(first.OrderByDescending(c => c.Rank).ThenBy(c => c.Suit));
        Add(second.OrderByDescending(c => c.Rank).ThenBy(c => c.Suit));
        Add(board.OrderByDescending(c => c.Rank).ThenBy(c => c.Suit));
        return text.ToString();
    }

    /// <summary>Every completion of the board by <paramref name="needed"/> cards of <paramref name="rest"/>, in nested loops (no recursion: a preflop count is 1.7 million boards).</summary>
    private static (long Wins, long Ties, long Total) Count(ulong[] rest, int needed, ulong board, ulong a, ulong b)
    {
        long wins = 0, ties = 0, total = 0;
        var n = rest.Length;

        switch (needed)
        {
            case 0:
                Score(board, a, b, ref wins, ref ties, ref total);
                break;
            case 1:
                for (var i = 0; i < n; i++) Score(board | rest[i], a, b, ref wins, ref ties, ref total);
                break;
            case 2:
                for (var i = 0; i < n; i++) for (var j = i + 1; j < n; j++) Score(board | rest[i] | rest[j], a, b, ref wins, ref ties, ref total);
                break;
            default:
                for (var i = 0; i < n; i++)
                {
                    var bi = board | rest[i];
                    for (var j = i + 1; j < n; j++)
                    {
                        var bj = bi | rest[j];
                        for (var k = j + 1; k < n; k++)
                        {
                            var bk = bj | rest[k];
                            if (needed == 3)
                            {
                                Score(bk, a, b, ref wins, ref ties, ref total);
                                continue;
                            }

                            for (var l = k + 1; l < n; l++)
                            {
                                var bl = bk | rest[l];
                                if (needed == 4)
                                {
                                    Score(bl, a, b, ref wins, ref ties, ref total);
                                    continue;
                                }

                                for (var m = l + 1; m < n; m++) Score(bl | rest[m], a, b, ref wins, ref ties, ref total);
                            }
                        }
                    }
                }

                break;
        }

        return (wins, ties, total);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Score(ulong board, ulong a, ulong b, ref long wins, ref long ties, ref long total)
    {
        var va = HandEvaluator.Evaluate(board | a);
        var vb = HandEvaluator.Evaluate(board | b);
        total++;
        wins += va > vb ? 1 : 0;
        ties += va == vb ? 1 : 0;
    }
}
