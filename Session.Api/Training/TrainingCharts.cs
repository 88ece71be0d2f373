using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.Trainer.Cards;
using PokerTracker.Trainer.Solver;

namespace PokerTracker.SessionApi.Training;

/// <summary>The equilibrium at one stack: each hand's frequencies, and where the default chart shoves and calls it.</summary>
public sealed record ChartView(double Stack, double Ante, double Exploitability, IReadOnlyList<ChartCell> Hands);

/// <summary>A hand at the chosen stack (shove and call frequencies), and where the default chart (no ante) shoves and calls it.</summary>
public sealed record ChartCell(string Hand, int Row, int Column, double Shove, double Call, IReadOnlyList<StackRange> ShovedAt, IReadOnlyList<StackRange> CalledAt);

/// <summary>Push/fold charts at any stack (0.1bb steps) and the allowed antes, from the strategy cache.</summary>
public sealed class TrainingCharts(StrategyCache strategies, PushFoldSolver solver)
{
    public ChartView At(double? stack, double? ante)
    {
        if (ante is { } a && !TrainingService.Antes.Contains(a))
        {
            throw InvalidInputException.Field("ante", "Must be 0, 0.05, 0.1, 0.125, 0.15, 0.2 or 0.25 big blinds.");
        }

        var game = new PushFoldGame(Math.Round(stack ?? 10, 1), ante ?? 0);
        try
        {
            game.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw InvalidInputException.Field(ex.ParamName == nameof(PushFoldGame.Ante) ? "ante" : "stack", ex.Message.Split(" (")[0]);
        }

        var solution = strategies.Get(game);
        var (shove, call) = solver.Played(solution); // mixed only where both actions are worth the same, as the grading counts them
        var chart = PushFoldChart.Default;
        return new ChartView(solution.Game.Stack, solution.Game.Ante, Math.Round(solution.Exploitability, 5),
            HandClass.All().Select(h => new ChartCell(h.ToString(), h.Row, h.Column, shove[h.Index], call[h.Index],
                chart[h].Shove, chart[h].Call)).ToList());
    }
}
