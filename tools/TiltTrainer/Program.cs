using System.Globalization;
using System.Text.Json;
using PokerTracker.SharedKernel.Tilt;
using PokerTracker.Tools.TiltTrainer;

// Trains the tilt model on simulated players and writes, into --out:
//   tilt-model.onnx, metrics.json, onnx-check.json (a fixed sample with the ML.NET scores), MODEL-CARD.md
//   dotnet run --project tools/TiltTrainer -c Release -- --seed 42 --out Tilt.Worker/Model
var options = Options.Parse(args);
Directory.CreateDirectory(options.Out);
var simulator = new Simulator(options.Seed);
var players = Enumerable.Range(0, options.Players).Select(simulator.NewPlayer).ToList();
var heldOut = players.Where(p => p.Id % 4 == 3).Select(p => p.Id).ToHashSet(); // a quarter of the players never seen in training
var train = new List<FeatureRow>();
var test = new List<FeatureRow>();
foreach (var player in players)
{
    foreach (var point in simulator.Play(player, options.Sessions))
    {
        var row = new FeatureRow { Features = TiltFeatures.Extract(point.Events, point.Baseline), Label = point.Tilted };
        (heldOut.Contains(player.Id) ? test : train).Add(row);
    }
}

Console.WriteLine($"simulated {players.Count} players × {options.Sessions} sessions: {train.Count} training and {test.Count} held-out moments");
var result = Trainer.Train(train, test, options.Seed);
var modelScores = Trainer.Score(result, test);
var ruleScores = test.Select(r => RuleBasedAssessor.Score(r.Features)).ToList();
var model = ScoreQuality.Of(modelScores.Zip(test, (s, r) => (s, r.Label)).ToList(), TiltThresholds.ModelMedium);
var rules = ScoreQuality.Of(ruleScores.Zip(test, (s, r) => (s, r.Label)).ToList(), TiltThresholds.RulesMedium);

var onnxPath = Path.Combine(options.Out, "tilt-model.onnx");
await using (var file = File.Create(onnxPath))
{
    Trainer.ExportOnnx(result, file);
}

var sample = test.Where((_, i) => i % Math.Max(1, test.Count / 200) == 0).Take(200).ToList();
var sampleMlNet = Trainer.Score(result, sample);
var sampleOnnx = OnnxCheck.Score(onnxPath, sample.Select(r => r.Features));
var maxDifference = sampleMlNet.Zip(sampleOnnx, (a, b) => Math.Abs(a - b)).Max();
Console.WriteLine($"model AUC {model.Auc:F4} vs rules {rules.Auc:F4}; ONNX vs ML.NET max difference {maxDifference:E2}");

var json = new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
var metrics = new Metrics(options.Seed, players.Count, options.Sessions, train.Count, test.Count,
    test.Count(r => r.Label) / (double)test.Count, Round(model), Round(rules), maxDifference);
await File.WriteAllTextAsync(Path.Combine(options.Out, "metrics.json"), JsonSerializer.Serialize(metrics, json) + "\n");
await File.WriteAllTextAsync(Path.Combine(options.Out, "onnx-check.json"),
    JsonSerializer.Serialize(sample.Zip(sampleMlNet, (r, s) => new { features = r.Features, mlnet = s }).ToList()) + "\n");
await File.WriteAllTextAsync(Path.Combine(options.Out, "MODEL-CARD.md"), ModelCard.Write(metrics));
Console.WriteLine($"wrote {options.Out}");

static ScoreQuality Round(ScoreQuality q) => q with
{
    Auc = Math.Round(q.Auc, 6), Precision = Math.Round(q.Precision, 6), Recall = Math.Round(q.Recall, 6), Brier = Math.Round(q.Brier, 6),
    Calibration = q.Calibration.Select(b => b with { MeanScore = Math.Round(b.MeanScore, 6), TiltRate = Math.Round(b.TiltRate, 6) }).ToList(),
};

internal sealed record Options(int Seed, int Players, int Sessions, string Out)
{
    public static Options Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        return new Options(
            int.Parse(Get("--seed", "42"), CultureInfo.InvariantCulture),
            int.Parse(Get("--players", "240"), CultureInfo.InvariantCulture),
            int.Parse(Get("--sessions", "20"), CultureInfo.InvariantCulture),
            Get("--out", "Tilt.Worker/Model"));
    }
}

public sealed record Metrics(int Seed, int Players, int SessionsPerPlayer, int TrainingMoments, int HeldOutMoments, double HeldOutTiltRate,
    ScoreQuality Model, ScoreQuality Rules, double OnnxMaxDifference);
