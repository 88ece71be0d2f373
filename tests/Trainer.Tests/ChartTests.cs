using PokerTracker.Trainer.Cards;
using PokerTracker.Trainer.Equity;
using PokerTracker.Trainer.Solver;

namespace PokerTracker.Trainer.Tests;

/// <summary>The shipped default chart: built from the shipped equity table, and as the published Nash charts print it.</summary>
public sealed class ChartTests
{
    private static readonly PushFoldChart Chart = PushFoldChart.Default;

    [Fact]
    public void The_chart_was_built_from_the_shipped_equities_and_agrees_with_fresh_solves()
    {
        Assert.Equal(EquityTable.Default.Checksum, Chart.EquityChecksum);
        var solver = new PushFoldSolver(EquityTable.Default);
        foreach (var stack in new[] { 3.0, 8.5, 14.0 })
        {
            var solution = solver.Solve(new PushFoldGame(stack));
            foreach (var hand in HandClass.All())
            {
                var shoved = Chart[hand].Shove.Any(r => r.From <= stack && stack <= r.To);
                Assert.Equal(solution.Shove[hand.Index] >= 0.5, shoved);
            }
        }
    }

    /// <summary>HoldemResources' heads-up Nash charts (largest pushing / calling stack), to a tenth or two of a big blind.</summary>
    [Theory]
    [InlineData("K2o", 11.6, null)]
    [InlineData("Q2o", 7.0, 5.6)]
    [InlineData("J2o", 4.6, null)]
    [InlineData("72o", 1.6, null)]
    [InlineData("K7o", 16.1, null)]
    [InlineData("J7o", 8.5, null)]
    [InlineData("T7o", 9.0, null)]
    [InlineData("97o", 10.8, null)]
    [InlineData("87o", 14.7, null)]
    [InlineData("74s", 13.9, null)]
    [InlineData("73s", 2.5, null)]
    [InlineData("K2s", 19.3, null)]
    [InlineData("T3s", 7.7, null)]
    public void Thresholds_match_the_published_charts(string hand, double push, double? call)
    {
        Assert.Equal(push, Chart[HandClass.Parse(hand)].MaxShove, tolerance: 0.21);
        if (call is { } c)
        {
            Assert.Equal(c, Chart[HandClass.Parse(hand)].MaxCall, tolerance: 0.21);
        }
    }
}
