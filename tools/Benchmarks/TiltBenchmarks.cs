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

/// <summary>
/// Tilt.Worker's work for one more event of a session <see cref="Length"/> events long: the running
/// figures read, updated and written back (what the worker does), against the session's whole
/// event list read and replayed (what it did before): the first must not grow with the length.
/// </summary>
[MemoryDiagnoser]
public class TiltPerEventBenchmarks
{
    private byte[][] _log = [];
    private byte[] _figures = [];
    private SessionEventEnvelope _next = null!;

    [Params(100, 10_000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var simulator = new Simulator(11);
        var session = simulator.Play(simulator.NewPlayer(1), 30).MaxBy(p => p.Events.Count)!.Events;
        var events = session.Take(3).ToList();
        var stack = 20_000L;
        while (events.Count < Length + 1)
        {
            stack = Math.Max(0, stack + (events.Count % 5 - 2) * 700);
            var e = events[^1].Clone();
            e.Sequence++;
            e.EventId = Guid.NewGuid().ToString();
            e.OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(e.OccurredAt.ToDateTimeOffset().AddSeconds(30));
            e.StackUpdated = new StackUpdated { Amount = stack };
            events.Add(e);
        }

        _next = events[^1];
        _log = events.Take(Length).Select(Google.Protobuf.MessageExtensions.ToByteArray).ToArray();
        _figures = TiltSession.Of(events.Take(Length)).ToJson();
    }

    [Benchmark(Baseline = true, Description = "replay the whole event list (before)")]
    public float[] Replay()
    {
        var events = _log.Select(b => SessionEventEnvelope.Parser.ParseFrom(b)).Append(_next).ToList();
        return TiltFeatures.Extract(events, PlayerBaseline.None);
    }

    [Benchmark(Description = "running figures: read, apply, write back")]
    public float[] Running()
    {
        var figures = TiltSession.FromJson(_figures);
        figures.Apply(_next);
        _ = figures.ToJson();
        return figures.Features(PlayerBaseline.None);
    }
}
