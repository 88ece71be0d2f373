using System.Numerics;
using System.Runtime.CompilerServices;

namespace PokerTracker.Trainer.Evaluation;

/// <summary>The nine kinds of poker hands, weakest first.</summary>
public enum HandCategory { HighCard, OnePair, TwoPair, Trips, Straight, Flush, FullHouse, Quads, StraightFlush }

/// <summary>
/// Evaluates 5 to 7 cards given as a 64-bit mask (see <see cref="Cards.Card.Mask"/>): the result
/// compares as the hands do (higher is better, equal is a tie). Works on the four 13-bit suit
/// groups with bit operations and two 8,192-entry tables (straights, top five ranks): no
/// allocation, no branches on individual cards.
/// </summary>
public static class HandEvaluator
{
    private const int CategoryShift = 24;
    private static readonly byte[] StraightTop = BuildStraights();
    private static readonly ushort[] TopFive = BuildTopFive();

    public static HandCategory CategoryOf(int value) => (HandCategory)(value >> CategoryShift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Evaluate(ulong cards)
    {
        var c = (int)(cards & 0x1FFF);
        var d = (int)((cards >> 16) & 0x1FFF);
        var h = (int)((cards >> 32) & 0x1FFF);
        var s = (int)((cards >> 48) & 0x1FFF);

        var flush = BitOperations.PopCount((uint)c) >= 5 ? c
            : BitOperations.PopCount((uint)d) >= 5 ? d
            : BitOperations.PopCount((uint)h) >= 5 ? h
            : BitOperations.PopCount((uint)s) >= 5 ? s
            : 0;
        if (flush != 0)
        {
            var straightFlush = StraightTop[flush];
            return straightFlush != 0
                ? ((int)HandCategory.StraightFlush << CategoryShift) | straightFlush
                : ((int)HandCategory.Flush << CategoryShift) | TopFive[flush];
        }

        var all = c | d | h | s;
        var quads = c & d & h & s;
        if (quads != 0)
        {
            return ((int)HandCategory.Quads << CategoryShift) | (Highest(quads) << 4) | Highest(all & ~quads);
        }

        var atLeast3 = (c & d & h) | (c & d & s) | (c & h & s) | (d & h & s);
        var atLeast2 = (c & d) | (c & h) | (c & s) | (d & h) | (d & s) | (h & s);
        var pairs = atLeast2 & ~atLeast3;
        if (atLeast3 != 0)
        {
            var trip = Highest(atLeast3);
            var withPair = pairs | (atLeast3 & ~(1 << trip));
            if (withPair != 0)
            {
                return ((int)HandCategory.FullHouse << CategoryShift) | (trip << 4) | Highest(withPair);
            }
        }

        var straight = StraightTop[all];
        if (straight != 0)
        {
            return ((int)HandCategory.Straight << CategoryShift) | straight;
        }

        if (atLeast3 != 0)
        {
            var trip = Highest(atLeast3);
            return ((int)HandCategory.Trips << CategoryShift) | (trip << 13) | KeepTop(all & ~(1 << trip), 2);
        }

        if (pairs != 0)
        {
            var high = Highest(pairs);
            var rest = pairs & ~(1 << high);
            if (rest != 0)
            {
                var low = Highest(rest);
                return ((int)HandCategory.TwoPair << CategoryShift) | (high << 17) | (low << 13) | KeepTop(all & ~(1 << high) & ~(1 << low), 1);
            }

            return ((int)HandCategory.OnePair << CategoryShift) | (high << 13) | KeepTop(all & ~(1 << high), 3);
        }

        return ((int)HandCategory.HighCard << CategoryShift) | TopFive[all];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Highest(int mask) => 31 - BitOperations.LeadingZeroCount((uint)mask);

    /// <summary>The <paramref name="count"/> highest ranks of the mask, as a mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int KeepTop(int mask, int count)
    {
        while (BitOperations.PopCount((uint)mask) > count)
        {
            mask &= mask - 1; // drops the lowest rank
        }

        return mask;
    }

    /// <summary>For each rank mask, the top rank of its best straight plus one (the wheel counts as five-high), or 0.</summary>
    private static byte[] BuildStraights()
    {
        var table = new byte[8192];
        for (var mask = 0; mask < 8192; mask++)
        {
            for (var top = 12; top >= 3; top--)
            {
                var needed = top == 3 ? 0b1_0000_0000_1111 : 0b11111 << (top - 4);
                if ((mask & needed) == needed)
                {
                    table[mask] = (byte)(top + 1);
                    break;
                }
            }
        }

        return table;
    }

    private static ushort[] BuildTopFive()
    {
        var table = new ushort[8192];
        for (var mask = 0; mask < 8192; mask++)
        {
            table[mask] = (ushort)KeepTop(mask, 5);
        }

        return table;
    }
}
