using System.Diagnostics.Metrics;
using PokerTracker.Contracts;

namespace PokerTracker.Tilt.Assessment;

public sealed class TiltMetrics
{
    private readonly Counter<long> _assessments;
    private readonly Counter<long> _alerts;
    private readonly Histogram<double> _latency;

    public TiltMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.Name);
        _assessments = meter.CreateCounter<long>("pokertracker.tilt.assessments", description: "Tilt assessments, by source (model or rules)");
        _alerts = meter.CreateCounter<long>("pokertracker.tilt.alerts", description: "Alerts raised, by kind and source");
        _latency = meter.CreateHistogram<double>("pokertracker.tilt.assessment_duration", unit: "us", description: "Features + score of one event");
    }

    public void Assessed(string source) => _assessments.Add(1, new KeyValuePair<string, object?>("source", source));

    public void Alert(string kind, string source) =>
        _alerts.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("source", source));

    public void Duration(double microseconds) => _latency.Record(microseconds);
}
