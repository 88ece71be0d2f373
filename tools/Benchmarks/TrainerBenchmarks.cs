using BenchmarkDotNet.Attributes;
using PokerTracker.Trainer.Cards;
using PokerTracker.Trainer.Equity;
using PokerTracker.Trainer.Evaluation;
using PokerTracker.Trainer.Solver;

namespace PokerTracker.Tools.Benchmarks;

/// <summary>
/// The 7-card evaluator against a simple baseline (best of the 21 five-card hands, each ranked by
/// sorting), over the same 1,000 random hands; per-operation times are per 1,000 hands.
/// </summary>
[MemoryDiagnoser]
public class EvaluatorBenchmarks
{
    private ulong[] _hands = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _hands = Enumerable.Range(0, 1_000).Select(_ =>
        {
            ulong mask = 0;
            while (ulong.PopCount(mask) < 7)
            {
                mask |= Card.FromIndex(random.Next(52)).Mask;
            }

            return mask;
        }).ToArray();
    }

    [Benchmark(Baseline = true, Description = "baseline: best of 21 sorted five-card hands")]
    public long Baseline()
    {
        long sum = 0;
        foreach (var hand in _hands)
        {
            sum += NaiveEvaluator.Evaluate(hand);
        }

        return sum;
    }

    [Benchmark(Description = "HandEvaluator (bit masks)")]
    public long Evaluator()
    {
        long sum = 0;
        foreach (var hand in _hands)
        {
            sum += HandEvaluator.Evaluate(hand);
        }

        return sum;
    }
}

/// <summary>Equity lookup, one push/fold solve at 10bb to the target exploitability, and a cached answer.</summary>
[MemoryDiagnoser]
public class SolverBenchmarks
{
    private readonly EquityTable _table = EquityTable.Default;
    private PushFoldSolver _solver = null!;
    private StrategyCache _cache = null!;

    [GlobalSetup]
    public void Setup()
    {
        _solver = new PushFoldSolver(_table);
        _cache = new StrategyCache(_solver);
        _cache.Get(new PushFoldGame(10));
    }

    [Benchmark(Description = "equity lookup (AKs vs QQ)")]
    public double Lookup() => _table.Equity(HandClass.Parse("AKs").Index, HandClass.Parse("QQ").Index);

    [Benchmark(Description = "solve 10bb to 0.001bb exploitability (the issue's target)")]
    public double SolveToTarget() => _solver.Solve(new PushFoldGame(10), 0.001).Exploitability;

    [Benchmark(Description = "solve 10bb to 0.00005bb (what the trainer uses)")]
    public double Solve() => _solver.Solve(new PushFoldGame(10)).Exploitability;

    [Benchmark(Description = "solve 30bb, ante 0.125bb, to 0.00005bb")]
    public double SolveDeepWithAnte() => _solver.Solve(new PushFoldGame(30, 0.125)).Exploitability;

    [Benchmark(Description = "cached solution (10bb)")]
    public double Cached() => _cache.Get(new PushFoldGame(10)).Exploitability;
}

/// <summary>The obvious evaluator, as a baseline: rank every five-card subset by sorting, keep the best.</summary>
internal static class NaiveEvaluator
{
    public static long Evaluate(ulong hand)
    {
        var cards = Card.Deck().Where(c => (hand & c.Mask) != 0).ToArray();
        long best = 0;
        for (var a = 0; a < cards.Length; a++)
        for (var b = a + 1; b < cards.Length; b++)
        for (var c = b + 1; c < cards.Length; c++)
        for (var d = c + 1; d < cards.Length; d++)
        for (var e = d + 1; e < cards.Length; e++)
        {
            best = Math.Max(best, Five([cards[a], cards[b], cards[c], cards[d], cards[e]]));
        }

        return best;
    }

    private static long Five(Card[] five)
    {
        var ranks = five.Select(c => c.Rank).OrderByDescending(r => r).ToArray();
        var groups = ranks.GroupBy(r => r).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).ToArray();
        var flush = five.All(c => c.Suit == five[0].Suit);
        var wheel = ranks.SequenceEqual([12, 3, 2, 1, 0]);
        var straight = groups.Length == 5 && (ranks[0] - ranks[4] == 4 || wheel);
        var top = wheel ? 3 : ranks[0];
        var category = straight && flush ? 8 : groups[0].Count() == 4 ? 7 : groups[0].Count() == 3 && groups[1].Count() == 2 ? 6
            : flush ? 5 : straight ? 4 : groups[0].Count() == 3 ? 3 : groups[0].Count() == 2 && groups[1].Count() == 2 ? 2 : groups[0].Count() == 2 ? 1 : 0;
        long value = category;
        foreach (var rank in straight ? new[] { top } : groups.Select(g => g.Key).ToArray())
        {
            value = value * 16 + rank;
        }

        return value;
    }
}
