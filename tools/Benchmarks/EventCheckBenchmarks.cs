using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;

namespace PokerTracker.Tools.Benchmarks;

/// <summary>
/// What both workers do with each session event as they read it: parse its bytes (the baseline), and
/// check every time inside it (<see cref="Timestamps.AllValid"/>) on a stack update and on a correction,
/// the event with the most times in it.
/// </summary>
[MemoryDiagnoser]
public class EventCheckBenchmarks
{
    private byte[] _stackBytes = [];
    private SessionEventEnvelope _stack = null!;
    private SessionEventEnvelope _correction = null!;

    [GlobalSetup]
    public void Setup()
    {
        var now = Timestamp.FromDateTime(DateTime.UtcNow);
        SessionEventEnvelope Envelope() => new()
        {
            EventId = Guid.NewGuid().ToString(), SessionId = Guid.NewGuid().ToString(), UserId = "user-1", Sequence = 7, SchemaVersion = 1, OccurredAt = now, RecordedAt = now,
        };
        _stack = Envelope();
        _stack.StackUpdated = new StackUpdated { Amount = 31_500 };
        _stackBytes = _stack.ToByteArray();
        _correction = Envelope();
        _correction.SessionCorrected = new SessionCorrected { Reason = "typo", StartedAt = now, EndedAt = now, Venue = "Aria", CashOut = 40_000 };
    }

    [Benchmark(Baseline = true, Description = "parse a stack update")]
    public SessionEventEnvelope Parse() => SessionEventEnvelope.Parser.ParseFrom(_stackBytes);

    [Benchmark(Description = "check the times of a stack update")]
    public bool CheckStack() => Timestamps.AllValid(_stack);

    [Benchmark(Description = "check the times of a correction")]
    public bool CheckCorrection() => Timestamps.AllValid(_correction);
}
