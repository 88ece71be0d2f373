using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PokerTracker.SharedKernel.Tilt;
using PokerTracker.Tilt.Assessment;
using PokerTracker.TestSupport;
using PokerTracker.Tools.TiltTrainer;
using StackExchange.Redis;

namespace PokerTracker.Tilt.Tests;

/// <summary>The committed model: it loads, it agrees with ML.NET, it is reproducible, and serving sees the training features.</summary>
public sealed class ModelTests
{
    private static readonly string ModelFolder = Path.Combine(RepoPaths.Root, "Tilt.Worker", "Model");

    [Fact]
    public void The_committed_ONNX_model_loads_and_matches_the_ML_NET_scores_on_a_fixed_sample()
    {
        using var model = new TiltModel(Microsoft.Extensions.Options.Options.Create(new TiltOptions { ModelPath = Path.Combine(ModelFolder, "tilt-model.onnx") }), NullLogger<TiltModel>.Instance);
        Assert.True(model.IsLoaded);
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(ModelFolder, "onnx-check.json")));
        var checkedRows = 0;
        foreach (var row in sample.RootElement.EnumerateArray())
        {
            var features = row.GetProperty("features").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            var expected = row.GetProperty("mlnet").GetDouble();
            Assert.True(Math.Abs(expected - model.Score(features)) < 1e-5, $"row {checkedRows}: ML.NET {expected}, ONNX {model.Score(features)}");
            checkedRows++;
        }

        Assert.Equal(200, checkedRows);
    }

    [Fact]
    public async Task Rerunning_the_trainer_reproduces_the_committed_metrics()
    {
        var committed = JsonDocument.Parse(File.ReadAllText(Path.Combine(ModelFolder, "metrics.json")));
        var seed = committed.RootElement.GetProperty("seed").GetInt32();
        var output = Directory.CreateTempSubdirectory("tilt-model-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(RepoPaths.Root, "tools", "TiltTrainer", "bin", RepoPaths.Configuration, "net10.0", "TiltTrainer.dll"),
                "--seed", seed.ToString(), "--players", committed.RootElement.GetProperty("players").GetInt32().ToString(),
                "--sessions", committed.RootElement.GetProperty("sessions_per_player").GetInt32().ToString(), "--out", output,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(process.ExitCode == 0, await log + await process.StandardError.ReadToEndAsync());
        Assert.Equal(File.ReadAllText(Path.Combine(ModelFolder, "metrics.json")), File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.True(committed.RootElement.GetProperty("model").GetProperty("auc").GetDouble()
            > committed.RootElement.GetProperty("rules").GetProperty("auc").GetDouble() + 0.05, "the model must beat the rules by a clear margin");
    }

    [Fact]
    public async Task Serving_extracts_exactly_the_training_features_from_the_same_events()
    {
        await using var redisServer = await RedisServer.StartAsync();
        using var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.ConnectionString);
        var store = new TiltStore(redis, Microsoft.Extensions.Options.Options.Create(new TiltOptions()));
        var simulator = new Simulator(7);
        var player = simulator.NewPlayer(1);
        var compared = 0;
        foreach (var session in simulator.Play(player, 10).GroupBy(p => p.Events[0].SessionId))
        {
            var last = session.Last();
            foreach (var e in last.Events)
            {
                Assert.True(await store.AppendAsync(e));
                var served = TiltFeatures.Extract(await store.EventsAsync(e.SessionId), last.Baseline);
                var trained = TiltFeatures.Extract(last.Events.TakeWhile(x => x.Sequence <= e.Sequence).ToList(), last.Baseline);
                Assert.Equal(trained, served);
                compared++;
            }

            Assert.False(await store.AppendAsync(last.Events[^1])); // a redelivered event is recognised
        }

        Assert.True(compared > 20);
    }
}
