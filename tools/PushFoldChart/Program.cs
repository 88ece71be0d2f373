using System.Diagnostics;
using System.Text.Json;
using PokerTracker.Trainer.Equity;
using PokerTracker.Trainer.Solver;

// The default game's push/fold chart: the equilibrium at every stack from 1 to 50bb (0.1bb steps,
// no ante), each solved to the target exploitability, reduced to where each hand is shoved and called.
//   dotnet run -c Release --project tools/PushFoldChart -- Trainer/Data/push-fold-chart.json
var output = args.Length > 0 ? args[0] : Path.Combine("Trainer", "Data", "push-fold-chart.json");
var table = EquityTable.Default;
var solver = new PushFoldSolver(table);
var stacks = Enumerable.Range(10, 491).Select(k => k / 10.0).ToList();
var watch = Stopwatch.StartNew();
var solutions = new PushFoldSolution[stacks.Count];
Parallel.For(0, stacks.Count, k => solutions[k] = solver.Solve(new PushFoldGame(stacks[k])));
var worst = solutions.MaxBy(s => s.Exploitability)!;
Console.WriteLine($"{solutions.Length} solves in {watch.Elapsed.TotalSeconds:0.0} s; mean {solutions.Average(s => s.Iterations):0} iterations; " +
                  $"worst exploitability {worst.Exploitability:F5} bb at {worst.Game.Stack}bb");
var chart = PokerTracker.Trainer.Solver.PushFoldChart.From(solutions, 0.1, table.Checksum);
await File.WriteAllTextAsync(output, JsonSerializer.Serialize(chart, PokerTracker.Trainer.Solver.PushFoldChart.Json));
Console.WriteLine($"wrote {output}");
