using PokerTracker.Trainer.Cards;

namespace PokerTracker.Trainer.Solver;

/// <summary>The player's seat in a spot: the small blind acts first; the big blind faces a shove.</summary>
public enum TrainingSeat { SmallBlind, BigBlind }

/// <summary>What the player did: fold, or the aggressive action of the seat (shove as small blind, call as big blind).</summary>
public enum TrainingChoice { Fold, Aggressive }

/// <summary>A graded decision, in big blinds against an equilibrium opponent.</summary>
/// <param name="EvLost">What the choice gives up against the best action (0 when it is the best, or as good).</param>
/// <param name="Frequency">How often the equilibrium takes the aggressive action with this hand here (1 or 0 unless both actions are worth the same).</param>
public sealed record Grade(TrainingChoice Best, bool Correct, double EvLost, double EvAggressive, double EvFold, double Frequency);

/// <summary>
/// Grades decisions against the equilibrium: the value of each action for this hand, against the
/// opponent's equilibrium strategy. A choice is correct when it gives up no more than
/// <see cref="Tolerance"/> — so either action of a hand the equilibrium mixes is correct.
/// </summary>
public sealed class Grader(PushFoldSolver solver, StrategyCache cache)
{
    public const double Tolerance = 0.0005;

    public Grade Grade(PushFoldGame game, HandClass hand, TrainingSeat seat, TrainingChoice choice)
    {
        var solution = cache.Get(game);
        var values = solver.Values(solution, hand, seat == TrainingSeat.BigBlind);
        var frequency = PushFoldSolver.Pure(values.Aggressive, values.Fold, seat == TrainingSeat.BigBlind ? solution.Call[hand.Index] : solution.Shove[hand.Index]);
        var chosen = choice == TrainingChoice.Aggressive ? values.Aggressive : values.Fold;
        var lost = Math.Max(0, values.Best - chosen);
        var best = values.Aggressive > values.Fold + Tolerance ? TrainingChoice.Aggressive
            : values.Fold > values.Aggressive + Tolerance ? TrainingChoice.Fold
            : frequency >= 0.5 ? TrainingChoice.Aggressive : TrainingChoice.Fold;
        return new Grade(best, lost <= Tolerance, Math.Round(lost, 4), Math.Round(values.Aggressive, 4), Math.Round(values.Fold, 4), frequency);
    }
}
