using PokerTracker.Contracts.Events;

namespace PokerTracker.SessionApi.Alerts;

/// <summary>
/// An alert as stored and shown (REST, GraphQL, live streams): tilt (model or rules) or a guard
/// the player set. <see cref="Type"/> names it on the live streams. <see cref="At"/>: when it was raised;
/// <see cref="OccurredAt"/>: the time at the table of the entry it follows (null for alerts raised before it was kept).
/// </summary>
public sealed record AlertView(
    string Id, Guid SessionId, string Kind, string Level, string Source, double Score, IReadOnlyList<string> Reasons, string Recommendation,
    long Sequence, DateTimeOffset At, DateTimeOffset? OccurredAt = null)
{
    public string Type => "TiltAlertRaised";

    public static AlertView From(TiltEnvelope e) => new(
        e.Id, Guid.Parse(e.SessionId), e.Alert.Kind, LevelName(e.Alert.Level), SourceName(e.Alert.Source), Math.Round(e.Alert.Score, 4),
        [.. e.Alert.Reasons], e.Alert.Recommendation, e.Sequence, e.AssessedAt.ToDateTimeOffset(), e.OccurredAt?.ToDateTimeOffset());

    public static string LevelName(TiltLevel level) => level switch
    {
        TiltLevel.High => "high",
        TiltLevel.Medium => "medium",
        _ => "low",
    };

    public static string SourceName(AssessmentSource source) => source switch
    {
        AssessmentSource.Model => "model",
        AssessmentSource.Guard => "guard",
        _ => "rules",
    };
}

/// <summary>The latest tilt assessment of a session, for its live screen.</summary>
public sealed record AssessmentView(long Sequence, DateTimeOffset At, double Score, string Level, string Source)
{
    public static AssessmentView From(TiltEnvelope e) => new(
        e.Sequence, e.AssessedAt.ToDateTimeOffset(), Math.Round(e.Assessed.Score, 4), AlertView.LevelName(e.Assessed.Level), AlertView.SourceName(e.Assessed.Source));
}
