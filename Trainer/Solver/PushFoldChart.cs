using System.Text.Json;
using System.Text.Json.Serialization;
using PokerTracker.Trainer.Cards;

namespace PokerTracker.Trainer.Solver;

/// <summary>One hand in the chart: the stacks (big blinds) at which it is shoved and called, as ranges.</summary>
public sealed record ChartHand(string Hand, IReadOnlyList<StackRange> Shove, IReadOnlyList<StackRange> Call)
{
    /// <summary>The largest stack at which the hand is shoved (0: never), as the classic charts print it.</summary>
    public double MaxShove => Shove.Count == 0 ? 0 : Shove.Max(r => r.To);

    public double MaxCall => Call.Count == 0 ? 0 : Call.Max(r => r.To);
}

public sealed record StackRange(double From, double To);

/// <summary>
/// The default game's chart (no ante, stacks 1 to 50bb in 0.1bb steps): for each of the 169 hand
/// classes, where the equilibrium shoves (small blind) and calls (big blind) — "shoved" meaning at
/// least half the time. Built by tools/PushFoldChart from solutions of every step; shipped with
/// the trainer.
/// </summary>
public sealed record PushFoldChart(double Ante, double Step, double MaxStack, string EquityChecksum, IReadOnlyList<ChartHand> Hands)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, NumberHandling = JsonNumberHandling.Strict };

    public ChartHand this[HandClass hand] => Hands[hand.Index];

    /// <summary>Builds the chart from one solution per stack, in order.</summary>
    public static PushFoldChart From(IReadOnlyList<PushFoldSolution> solutions, double step, string equityChecksum)
    {
        var hands = HandClass.All().Select(hand => new ChartHand(
            hand.ToString(),
            Ranges(solutions, s => s.Shove[hand.Index] >= 0.5, step),
            Ranges(solutions, s => s.Call[hand.Index] >= 0.5, step))).ToList();
        return new PushFoldChart(solutions[0].Game.Ante, step, solutions[^1].Game.Stack, equityChecksum, hands);
    }

    private static List<StackRange> Ranges(IReadOnlyList<PushFoldSolution> solutions, Func<PushFoldSolution, bool> played, double step)
    {
        var ranges = new List<StackRange>();
        double? from = null;
        for (var k = 0; k < solutions.Count; k++)
        {
            var on = played(solutions[k]);
            if (on && from is null)
            {
                from = solutions[k].Game.Stack;
            }

            if (!on && from is not null)
            {
                ranges.Add(new StackRange(from.Value, Math.Round(solutions[k].Game.Stack - step, 1)));
                from = null;
            }
        }

        if (from is not null)
        {
            ranges.Add(new StackRange(from.Value, solutions[^1].Game.Stack));
        }

        return ranges;
    }

    /// <summary>The chart shipped with the trainer.</summary>
    public static PushFoldChart Default => Shipped.Value;

    private static readonly Lazy<PushFoldChart> Shipped = new(() =>
    {
        using var stream = typeof(PushFoldChart).Assembly.GetManifestResourceStream("push-fold-chart.json")
            ?? throw new InvalidOperationException("The push/fold chart is not in the assembly: run tools/PushFoldChart.");
        return JsonSerializer.Deserialize<PushFoldChart>(stream, Json) ?? throw new InvalidDataException("The push/fold chart is empty.");
    });
}
