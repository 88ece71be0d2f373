using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using PokerTracker.Contracts.Events;
using PokerTracker.SharedKernel.Tilt;
using PokerTracker.Tilt.Assessment;
using PokerTracker.Tools.TiltTrainer;

namespace PokerTracker.Tools.Benchmarks;

/// <summary>
/// One tilt assessment in Tilt.Worker: the features of a session (a long one: the 40-event prefix
/// of a simulated session) and the ONNX model's score, against the rules on the same features.
/// </summary>
[MemoryDiagnoser]
public class TiltBenchmarks
{
    private TiltModel _model = null!;
    private float[] _features = [];
    private List<SessionEventEnvelope> _events = [];
    private PlayerBaseline _baseline = PlayerBaseline.None;

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Model", "tilt-model.onnx");
        _model = new TiltModel(Microsoft.Extensions.Options.Options.Create(new TiltOptions { ModelPath = path }), NullLogger<TiltModel>.Instance);
        var simulator = new Simulator(11);
        var longest = simulator.Play(simulator.NewPlayer(1), 30).MaxBy(p => p.Events.Count)!;
        _events = longest.Events.Take(40).ToList();
        _baseline = longest.Baseline;
        _features = TiltFeatures.Extract(_events, _baseline);
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    [Benchmark(Baseline = true, Description = "rules score")]
    public double Rules() => RuleBasedAssessor.Score(_features);

    [Benchmark(Description = "model score (ONNX Runtime)")]
    public float Model() => _model.Score(_features);

    [Benchmark(Description = "features (40 events) + model score")]
    public float Assessment() => _model.Score(TiltFeatures.Extract(_events, _baseline));
}
