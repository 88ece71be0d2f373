namespace PokerTracker.SessionApi.Alerts;

/// <summary>An alert as stored and shown: tilt (model or rules) or a guard the player set.</summary>
public sealed record AlertView(
    string Id, string Kind, string Level, string Source, double Score, IReadOnlyList<string> Reasons, string Recommendation, long Sequence, DateTimeOffset At);
