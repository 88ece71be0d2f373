using System.Diagnostics;
using System.Text.Json;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>Busting and rebuying the same amount again and again, 5 buy-ins down, is chasing too, not only bigger rebuys.</summary>
    [Fact]
    public void Chasing_losses_with_same_size_rebuys_scores_at_least_medium_and_one_rebuy_after_hours_stays_calm()
    {
        using var model = new TiltModel(Microsoft.Extensions.Options.Options.Create(new TiltOptions { ModelPath = Path.Combine(ModelFolder, "tilt-model.onnx") }), NullLogger<TiltModel>.Instance);
        var baseline = new PlayerBaseline(10, 0, 0);
        var chasing = TiltFeatureTests.Session(
            (80, TiltFeatureTests.Stack(0)), (82, TiltFeatureTests.Rebuy(20_000)), (105, TiltFeatureTests.Stack(0)), (107, TiltFeatureTests.Rebuy(20_000)),
            (130, TiltFeatureTests.Stack(0)), (132, TiltFeatureTests.Rebuy(20_000)), (155, TiltFeatureTests.Stack(0)), (157, TiltFeatureTests.Rebuy(20_000)),
            (175, TiltFeatureTests.Stack(0)));
        var calm = TiltFeatureTests.Session((60, TiltFeatureTests.Stack(26_000)), (150, TiltFeatureTests.Stack(0)), (160, TiltFeatureTests.Rebuy(20_000)),
            (200, TiltFeatureTests.Stack(24_000)));
        Assert.True(model.Score(TiltFeatures.Extract(chasing, baseline)) >= TiltThresholds.ModelMedium, $"chasing scored {model.Score(TiltFeatures.Extract(chasing, baseline))}");
        Assert.True(model.Score(TiltFeatures.Extract(calm, baseline)) < TiltThresholds.ModelMedium, $"calm scored {model.Score(TiltFeatures.Extract(calm, baseline))}");
    }

    [Fact]
    public void Reasons_name_only_what_a_player_would_recognise_as_a_warning_sign()
    {
        using var model = new TiltModel(Microsoft.Extensions.Options.Options.Create(new TiltOptions { ModelPath = Path.Combine(ModelFolder, "tilt-model.onnx") }), NullLogger<TiltModel>.Instance);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var assessor = new TiltAssessor(model, new TiltMetrics(services.GetRequiredService<IMeterFactory>()), NullLogger<TiltAssessor>.Instance);
        var losing = new PlayerBaseline(10, -2, 3);
        List<string> Named(List<Contracts.Events.SessionEventEnvelope> events, PlayerBaseline baseline, bool rebought)
        {
            var features = TiltFeatures.Extract(events, baseline);
            return [.. assessor.Factors(features, assessor.Assess(features), rebought).Select(f => f.Reason)];
        }

        // Busted and back in for three times the first buy-in, five minutes in: the rebuy is named, not the lack of a break.
        var early = TiltFeatureTests.Session((5, TiltFeatureTests.Stack(0)), (6, TiltFeatureTests.Rebuy(60_000)));
        Assert.True(assessor.Assess(TiltFeatures.Extract(early, losing)).Level == Contracts.Events.TiltLevel.High);
        var named = Named(early, losing, rebought: true);
        Assert.Contains("your buy-ins went up to 3.0× your first", named);
        Assert.DoesNotContain(named, r => r.Contains("break") || r.Contains("hours at the table"));

        // Without a rebuy, minutes since the buy-in are not "since you rebought"; being up and early are no warning signs.
        var up = Named(TiltFeatureTests.Session((2, TiltFeatureTests.Stack(80_000))), losing, rebought: false);
        Assert.Equal(["3 losing sessions in a row before this one"], up);
        var down = Named(TiltFeatureTests.Session((2, TiltFeatureTests.Stack(10_000))), losing, rebought: false);
        Assert.DoesNotContain(down, r => r.Contains("rebought") || r.Contains("break"));
    }

    [Fact]
    public void A_cash_game_is_scored_by_the_model_and_a_tournament_by_the_rules()
    {
        using var model = new TiltModel(Microsoft.Extensions.Options.Options.Create(new TiltOptions { ModelPath = Path.Combine(ModelFolder, "tilt-model.onnx") }), NullLogger<TiltModel>.Instance);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var assessor = new TiltAssessor(model, new TiltMetrics(services.GetRequiredService<IMeterFactory>()), NullLogger<TiltAssessor>.Instance);
        // Busted and in again for twice the first buy-in: in a tournament, a re-entry and an add-on are part of the game.
        var features = TiltFeatures.Extract(TiltFeatureTests.Session((30, TiltFeatureTests.Stack(0)), (31, TiltFeatureTests.Rebuy(40_000))), new PlayerBaseline(10, 0, 0));
        Assert.Equal(Contracts.Events.AssessmentSource.Model, assessor.Assess(features).Source);
        Assert.Equal(Contracts.Events.AssessmentSource.Rules, assessor.Assess(features, cashGame: false).Source);
    }

    [Fact]
    public async Task Rerunning_the_trainer_reproduces_the_committed_metrics()
    {
        var committed = JsonDocument.Parse(File.ReadAllText(Path.Combine(ModelFolder, "metrics.json")));
        var seed = committed.RootElement.GetProperty("seed").GetInt32();
        using var folder = TempFolder.New("tilt-model-");
        var output = folder.Path;
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
                var (figures, _, _) = await store.LoadAsync(e.UserId, e.SessionId);
                figures.Apply(e);
                Assert.True(await store.SaveAsync(e, figures, ActiveChange.None));
                var served = (await store.LoadAsync(e.UserId, e.SessionId)).Figures.Features(last.Baseline); // through the live store, as JSON
                var trained = TiltFeatures.Extract(last.Events.TakeWhile(x => x.Sequence <= e.Sequence).ToList(), last.Baseline);
                Assert.Equal(trained, served);
                compared++;
            }

            var (again, _, _) = await store.LoadAsync(last.Events[0].UserId, last.Events[0].SessionId);
            Assert.Equal(last.Events[^1].Sequence, again.LastSequence); // a redelivered event is recognised
            Assert.False(await store.SaveAsync(last.Events[^1], again, ActiveChange.None));
        }

        Assert.True(compared > 20);
    }

    [Fact]
    public async Task A_sessions_stored_figures_do_not_grow_with_its_stack_updates()
    {
        await using var redisServer = await RedisServer.StartAsync();
        using var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.ConnectionString);
        var store = new TiltStore(redis, Microsoft.Extensions.Options.Options.Create(new TiltOptions()));
        var events = TiltFeatureTests.Session(Enumerable.Range(1, 3_000)
            .Select(i => (i / 10, TiltFeatureTests.Stack(20_000 + (i % 7 - 3) * 1_000L))).ToArray());
        var figures = new TiltSession();
        var sizes = new Dictionary<long, long>();
        foreach (var e in events)
        {
            figures.Apply(e);
            Assert.True(await store.SaveAsync(e, figures, ActiveChange.None));
            sizes[e.Sequence] = await redis.GetDatabase().StringLengthAsync(TiltKeys.State(e.SessionId));
        }

        // The 3,000th stack update is stored in as many bytes as the 20th (give or take a number's digits).
        Assert.InRange(sizes[events[^1].Sequence] - sizes[22], -40, 40);
        Assert.Equal(TiltFeatures.Extract(events, PlayerBaseline.None), (await store.LoadAsync(events[0].UserId, events[0].SessionId)).Figures.Features(PlayerBaseline.None));
    }
}
