using System.Diagnostics.Metrics;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;

namespace PokerTracker.Tilt.Assessment;

public sealed class TiltMetrics
{
    private readonly Counter<long> _assessments;
    private readonly Counter<long> _alerts;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _rebuilt;

    public TiltMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.Name);
        _assessments = meter.CreateCounter<long>("pokertracker.tilt.assessments", unit: "{assessment}", description: "Tilt assessments, by source (model or rules) and level");
        _alerts = meter.CreateCounter<long>("pokertracker.tilt.alerts", unit: "{alert}", description: "Alerts raised, by kind, source (model, rules or guard) and level");
        _latency = meter.CreateHistogram<double>("pokertracker.tilt.assessment_duration", unit: "us", description: "Features + score of one event");
        _rebuilt = meter.CreateCounter<long>("pokertracker.tilt.figures_rebuilt", unit: "{session}", description: "Session figures made again from the session's log (events this worker never had)");
    }

    public void Assessed(string source, TiltLevel level) =>
        _assessments.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("level", level.ToString().ToLowerInvariant()));

    public void Alert(string kind, AssessmentSource source, TiltLevel level) =>
        _alerts.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("source", source.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("level", level.ToString().ToLowerInvariant()));

    public void Duration(double microseconds) => _latency.Record(microseconds);

    public void Rebuilt() => _rebuilt.Add(1);
}
