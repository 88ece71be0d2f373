using PokerTracker.Trainer.Cards;
using PokerTracker.Trainer.Evaluation;

namespace PokerTracker.Trainer.Tests;

/// <summary>The 7-card evaluator against the known counts of every 5- and 7-card hand, and by hand.</summary>
public sealed class EvaluatorTests
{
    private static ulong Hand(string cards) => cards.Split(' ').Select(Card.Parse).Aggregate(0UL, (m, c) => m | c.Mask);

    private static int Value(string cards) => HandEvaluator.Evaluate(Hand(cards));

    [Fact]
    public void Every_five_card_hand_falls_in_its_category_as_often_as_combinatorics_says()
    {
        var counts = new long[9];
        var deck = Card.Deck().Select(c => c.Mask).ToArray();
        for (var a = 0; a < 52; a++)
        for (var b = a + 1; b < 52; b++)
        for (var c = b + 1; c < 52; c++)
        for (var d = c + 1; d < 52; d++)
        for (var e = d + 1; e < 52; e++)
        {
            counts[(int)HandEvaluator.CategoryOf(HandEvaluator.Evaluate(deck[a] | deck[b] | deck[c] | deck[d] | deck[e]))]++;
        }

        Assert.Equal([1_302_540L, 1_098_240, 123_552, 54_912, 10_200, 5_108, 3_744, 624, 40], counts);
    }

    [Fact]
    public void Every_seven_card_hand_falls_in_its_category_as_often_as_combinatorics_says()
    {
        var counts = new long[9];
        var deck = Card.Deck().Select(c => c.Mask).ToArray();
        Parallel.For(0, 52, () => new long[9], (a, _, local) =>
        {
            for (var b = a + 1; b < 52; b++)
            for (var c = b + 1; c < 52; c++)
            for (var d = c + 1; d < 52; d++)
            for (var e = d + 1; e < 52; e++)
            {
                var five = deck[a] | deck[b] | deck[c] | deck[d] | deck[e];
                for (var f = e + 1; f < 52; f++)
                for (var g = f + 1; g < 52; g++)
                {
                    local[(int)HandEvaluator.CategoryOf(HandEvaluator.Evaluate(five | deck[f] | deck[g]))]++;
                }
            }

            return local;
        }, local =>
        {
            lock (counts)
            {
                for (var k = 0; k < 9; k++) counts[k] += local[k];
            }
        });

        Assert.Equal([23_294_460L, 58_627_800, 31_433_400, 6_461_620, 6_180_020, 4_047_644, 3_473_184, 224_848, 41_584], counts);
    }

    [Theory]
    [InlineData("As Ks Qs Js Ts 2c 3d", "9s Ks Qs Js Ts Ac Ad")] // royal flush over king-high straight flush
    [InlineData("6h 2d 3c 4s 5h Kd Qc", "Ah 2d 3c 4s 5h Kd Qc")] // six-high straight over the wheel
    [InlineData("2h 3h 4h 5h 7h 8c 9d", "Ah Kd Qc Jc Td 2s 3s")] // any flush over a straight
    [InlineData("Kh Kd Kc 2s 2h 3c 4d", "Qh Qd Qc As Ah 3c 4d")] // kings full over queens full
    [InlineData("Ah Ad Kc Ks 2h 2d Qc", "Ah Ad Kc Ks 2h 2d Jc")] // two pair: the best kicker counts, the third pair does not
    [InlineData("9c 9d 9h 9s 2c 3d 5h", "8c 8d 8h 8s Ac Kd Qh")] // higher quads
    [InlineData("Ac Ad 7h 6s 4c 3d 9h", "Ac Ad 7h 6s 4c 3d 2h")] // one pair: the kickers decide (9-7-6 over 7-6-4)
    public void The_first_hand_beats_the_second(string better, string worse)
    {
        Assert.True(Value(better) > Value(worse), $"{better} should beat {worse}");
    }

    [Theory]
    [InlineData("As Ks Qs Js Ts 2c 3d", "Ah Kh Qh Jh Th 4c 5d")] // royal flushes tie
    [InlineData("Ac Ad 7h 6s 4c 3d 2h", "Ah As 7c 6d 4s 3h 2c")] // same pair, same kickers
    [InlineData("2c 3d 4h 5s 6c Ad Ah", "2h 3s 4c 5d 6h As Ac")] // same six-high straight
    public void Equal_hands_tie(string one, string other) => Assert.Equal(Value(one), Value(other));

    [Theory]
    [InlineData("Ah Kd Qc Jc 9d 2s 3s", HandCategory.HighCard)]
    [InlineData("Ah Ad Kc Ks Qh Qd 2c", HandCategory.TwoPair)]
    [InlineData("Ah Ad Ac Ks Kh Kd 2c", HandCategory.FullHouse)]
    [InlineData("Ah 2d 3c 4s 5h 5d 5c", HandCategory.Straight)]
    [InlineData("Ah 2h 3h 4h 5h 6h 7h", HandCategory.StraightFlush)]
    public void Categories_by_hand(string cards, HandCategory category) => Assert.Equal(category, HandEvaluator.CategoryOf(Value(cards)));
}
