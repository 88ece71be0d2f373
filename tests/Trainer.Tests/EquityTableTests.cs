using System.Security.Cryptography;
using PokerTracker.TestSupport;
using PokerTracker.Trainer.Cards;
using PokerTracker.Trainer.Equity;
using PokerTracker.Trainer.Evaluation;

namespace PokerTracker.Trainer.Tests;

/// <summary>The shipped preflop equity table: intact, consistent, and what independent sampling and known values say.</summary>
public sealed class EquityTableTests
{
    private static readonly EquityTable Table = EquityTable.Default;

    [Fact]
    public void The_shipped_table_is_the_committed_file_with_its_checksum()
    {
        var file = Path.Combine(RepoPaths.Root, "Trainer", "Data", "preflop-equity.bin");
        var expected = File.ReadAllText(file + ".sha256").Split(' ')[0];
        Assert.Equal(expected, Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))).ToLowerInvariant());
        Assert.Equal(expected, Table.Checksum);
    }

    [Theory]
    [InlineData("AA", "KK", 0.8195)]
    [InlineData("AKs", "QQ", 0.4605)]
    [InlineData("AKo", "22", 0.4735)]
    [InlineData("AA", "72o", 0.8820)]
    [InlineData("KK", "AKs", 0.6589)]
    [InlineData("JTs", "22", 0.5384)]
    public void Known_matchups(string first, string second, double equity) =>
        Assert.Equal(equity, Table.Equity(HandClass.Parse(first), HandClass.Parse(second)), tolerance: 0.0005);

    [Fact]
    public void Every_matchup_adds_up_to_the_whole_pot_and_counts_every_board_of_every_dealable_pair()
    {
        const long boards = 1_712_304; // 48 choose 5
        for (var i = 0; i < HandClass.Count; i++)
        {
            for (var j = 0; j < HandClass.Count; j++)
            {
                Assert.Equal(1.0, Table.Equity(i, j) + Table.Equity(j, i), 12);
                Assert.Equal(Table.Pairs(i, j) * boards, Table.Counts(i, j).Total);
            }
        }

        Assert.Equal(1326L * 1225, Enumerable.Range(0, HandClass.Count).SelectMany(i => Enumerable.Range(0, HandClass.Count).Select(j => (long)Table.Pairs(i, j))).Sum());
    }

    /// <summary>Sampled entries against an independent Monte Carlo run: random combinations of each class, random boards.</summary>
    [Fact]
    public void Sampled_entries_agree_with_Monte_Carlo_within_four_standard_errors()
    {
        var random = new Random(2026);
        for (var sample = 0; sample < 12; sample++)
        {
            var (first, second) = (HandClass.FromIndex(random.Next(HandClass.Count)), HandClass.FromIndex(random.Next(HandClass.Count)));
            const int trials = 60_000;
            double share = 0;
            var firstHands = first.Hands().ToArray();
            var secondHands = second.Hands().ToArray();
            var done = 0;
            while (done < trials)
            {
                var (a1, a2) = firstHands[random.Next(firstHands.Length)];
                var (b1, b2) = secondHands[random.Next(secondHands.Length)];
                var a = a1.Mask | a2.Mask;
                var b = b1.Mask | b2.Mask;
                if ((a & b) != 0)
                {
                    continue;
                }

                var board = 0UL;
                while (ulong.PopCount(board) < 5)
                {
                    var card = Card.FromIndex(random.Next(52)).Mask;
                    if (((a | b) & card) == 0)
                    {
                        board |= card;
                    }
                }

                var (va, vb) = (HandEvaluator.Evaluate(a | board), HandEvaluator.Evaluate(b | board));
                share += va > vb ? 1 : va == vb ? 0.5 : 0;
                done++;
            }

            var estimate = share / trials;
            var exact = Table.Equity(first, second);
            var error = Math.Sqrt(Math.Max(exact * (1 - exact), 0.01) / trials);
            Assert.True(Math.Abs(estimate - exact) < 4 * error, $"{first} vs {second}: table {exact:F4}, sampled {estimate:F4}");
        }
    }
}
