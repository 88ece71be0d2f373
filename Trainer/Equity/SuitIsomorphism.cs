using PokerTracker.Trainer.Cards;

namespace PokerTracker.Trainer.Equity;

/// <summary>
/// Suits are interchangeable before the board comes: two pairs of hands that differ only by a
/// permutation of suits have the same equity. The canonical key picks one representative of the
/// 24 permutations, so each distinct case is enumerated once and counted with its weight.
/// </summary>
public static class SuitIsomorphism
{
    private static readonly int[][] Permutations = Permute([0, 1, 2, 3]).ToArray();

    /// <summary>The smallest encoding of the two hands (each hand's cards ordered, the hands kept in their roles) over all suit permutations.</summary>
    public static long CanonicalKey(Card a1, Card a2, Card b1, Card b2)
    {
        var best = long.MaxValue;
        foreach (var p in Permutations)
        {
            var x1 = a1.Rank * 4 + p[a1.Suit];
            var x2 = a2.Rank * 4 + p[a2.Suit];
            var y1 = b1.Rank * 4 + p[b1.Suit];
            var y2 = b2.Rank * 4 + p[b2.Suit];
            var key = ((long)Math.Max(x1, x2) << 24) | ((long)Math.Min(x1, x2) << 16) | ((long)Math.Max(y1, y2) << 8) | (long)Math.Min(y1, y2);
            best = Math.Min(best, key);
        }

        return best;
    }

    private static IEnumerable<int[]> Permute(int[] items)
    {
        if (items.Length == 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, k) => k != i).ToArray();
            foreach (var tail in Permute(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
