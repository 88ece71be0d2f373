using System.Collections.Concurrent;

namespace PokerTracker.Trainer.Solver;

/// <summary>
/// Solutions are deterministic, so each game (stack to 0.1bb, ante to 0.01bb) is solved once per
/// process and kept; concurrent askers of the same game wait for one solve. A second level (Redis,
/// in the service) can be put in front with <see cref="Seed"/>.
/// </summary>
public sealed class StrategyCache(PushFoldSolver solver)
{
    /// <summary>Called once for every game this cache solves (to keep the solution in a second level).</summary>
    public event Action<PushFoldSolution>? Solved;

    private readonly ConcurrentDictionary<string, Lazy<PushFoldSolution>> _solutions = new();

    public PushFoldSolution Get(PushFoldGame game)
    {
        var normalized = game.Normalized();
        return _solutions.GetOrAdd(normalized.Key, _ => new Lazy<PushFoldSolution>(() =>
        {
            var solution = solver.Solve(normalized);
            Solved?.Invoke(solution);
            return solution;
        })).Value;
    }

    public bool TryGet(PushFoldGame game, out PushFoldSolution? solution)
    {
        solution = _solutions.TryGetValue(game.Normalized().Key, out var lazy) && lazy.IsValueCreated ? lazy.Value : null;
        return solution is not null;
    }

    /// <summary>Puts a solution found elsewhere (another replica's, from Redis).</summary>
    public void Seed(PushFoldSolution solution) =>
        _solutions.TryAdd(solution.Game.Normalized().Key, new Lazy<PushFoldSolution>(solution));

    public int Count => _solutions.Count;
}
