using PokerTracker.Trainer.Cards;
using PokerTracker.Trainer.Equity;
using PokerTracker.Trainer.Solver;

namespace PokerTracker.Trainer.Tests;

/// <summary>The push/fold solver: equilibria (no profitable deviation), published chart values, determinism.</summary>
public sealed class PushFoldSolverTests
{
    private static readonly PushFoldSolver Solver = new(EquityTable.Default);

    [Theory]
    [InlineData(2.0, 0.0)]
    [InlineData(5.0, 0.0)]
    [InlineData(10.0, 0.0)]
    [InlineData(20.0, 0.0)]
    [InlineData(10.0, 0.125)]
    public void The_solution_is_an_equilibrium_no_hand_gains_by_deviating(double stack, double ante)
    {
        var game = new PushFoldGame(stack, ante);
        var solution = Solver.Solve(game);
        Assert.True(solution.Exploitability <= PushFoldSolver.DefaultTarget, $"exploitability {solution.Exploitability:F5} bb after {solution.Iterations} iterations");
        foreach (var hand in HandClass.All())
        {
            var sb = Solver.Values(solution, hand, bigBlindFacingShove: false);
            if (solution.Shove[hand.Index] > 0.05) Assert.True(sb.Aggressive >= sb.Best - 0.02, $"{stack}bb: shoving {hand} loses {sb.Best - sb.Aggressive:F3} bb");
            if (solution.Shove[hand.Index] < 0.95) Assert.True(sb.Fold >= sb.Best - 0.02, $"{stack}bb: folding {hand} loses {sb.Best - sb.Fold:F3} bb");
            var bb = Solver.Values(solution, hand, bigBlindFacingShove: true);
            if (solution.Call[hand.Index] > 0.05) Assert.True(bb.Aggressive >= bb.Best - 0.02, $"{stack}bb: calling with {hand} loses {bb.Best - bb.Aggressive:F3} bb");
            if (solution.Call[hand.Index] < 0.95) Assert.True(bb.Fold >= bb.Best - 0.02, $"{stack}bb: folding {hand} to a shove loses {bb.Best - bb.Fold:F3} bb");
        }

        Assert.Equal(1.0, solution.Shove[HandClass.Parse("AA").Index]);
        Assert.Equal(1.0, solution.Call[HandClass.Parse("AA").Index]);
    }

    /// <summary>
    /// HoldemResources' heads-up push/fold Nash charts give, for each hand, the largest stack at
    /// which it is pushed or called; hands well inside or outside that stack here.
    /// </summary>
    [Theory]
    [InlineData(10.0, "K2o K3o 97o Q7o 87o K7o 74s K2s", "Q2o J7o T7o 73s J3o 72s")]
    [InlineData(5.0, "Q2o J7o T7o K2o J3s", "J2o T3o 92o 72o 73s")]
    [InlineData(2.0, "T2o 73s T3o", "72o 32o 42o")]
    [InlineData(15.0, "K7o K2s K3s A2o", "97o K2o Q7o 74s")]
    public void Small_blind_pushes_as_the_published_charts_say(double stack, string pushed, string folded)
    {
        var solution = Solver.Solve(new PushFoldGame(stack));
        foreach (var hand in pushed.Split(' '))
        {
            Assert.True(solution.Shove[HandClass.Parse(hand).Index] >= 0.5, $"{hand} should be pushed at {stack}bb (pushed {solution.Shove[HandClass.Parse(hand).Index]:P0})");
        }

        foreach (var hand in folded.Split(' '))
        {
            Assert.True(solution.Shove[HandClass.Parse(hand).Index] < 0.5, $"{hand} should be folded at {stack}bb (pushed {solution.Shove[HandClass.Parse(hand).Index]:P0})");
        }
    }

    [Fact]
    public void Big_blind_calls_as_the_published_charts_say()
    {
        // Q2o is called up to 5.6bb.
        Assert.True(Solver.Solve(new PushFoldGame(5.0)).Call[HandClass.Parse("Q2o").Index] >= 0.5);
        Assert.True(Solver.Solve(new PushFoldGame(6.5)).Call[HandClass.Parse("Q2o").Index] < 0.5);
    }

    [Theory]
    [InlineData(10.0, 0.0)]
    [InlineData(8.2, 0.0)]
    [InlineData(23.8, 0.0)]
    public void A_hand_reads_as_mixed_only_when_both_actions_are_worth_the_same_as_the_grading_counts_them(double stack, double ante)
    {
        var solution = Solver.Solve(new PushFoldGame(stack, ante));
        var (shove, call) = Solver.Played(solution);
        var grader = new Grader(Solver, new StrategyCache(Solver));
        foreach (var hand in HandClass.All())
        {
            foreach (var (seat, played) in new[] { (TrainingSeat.SmallBlind, shove[hand.Index]), (TrainingSeat.BigBlind, call[hand.Index]) })
            {
                var aggressive = grader.Grade(solution.Game, hand, seat, TrainingChoice.Aggressive);
                var fold = grader.Grade(solution.Game, hand, seat, TrainingChoice.Fold);
                // Always: only the aggressive action is right; never: only folding; mixed: both are.
                var expected = aggressive.Correct && fold.Correct ? "mixed" : aggressive.Correct ? "always" : "never";
                var shown = played >= 0.995 ? "always" : played <= 0.005 ? "never" : "mixed";
                Assert.True(expected == shown, $"{stack}bb {seat} {hand}: played {played:P1} reads {shown}, the grading says {expected}");
                Assert.Equal(played, aggressive.Frequency);
            }
        }

        // The solver's average alone still shows such traces (76o at 10bb); read as played, 76o is always shoved.
        if (stack == 10.0)
        {
            Assert.Equal(1, shove[HandClass.Parse("76o").Index]);
        }
    }

    [Fact]
    public void A_solve_is_deterministic()
    {
        var first = Solver.Solve(new PushFoldGame(10));
        var second = Solver.Solve(new PushFoldGame(10));
        Assert.Equal(first.Shove, second.Shove);
        Assert.Equal(first.Call, second.Call);
        Assert.Equal(first.Iterations, second.Iterations);
    }

    [Fact]
    public void An_eighth_of_a_big_blind_is_solved_as_an_eighth_not_as_twelve_hundredths()
    {
        var game = new PushFoldGame(10.05, 0.125).Normalized();
        Assert.Equal((10.1, 0.125, "10.1/0.125"), (game.Stack, game.Ante, game.Key));
        Assert.NotEqual(new PushFoldGame(10, 0.12).Normalized().Key, game.Key);
    }
}
