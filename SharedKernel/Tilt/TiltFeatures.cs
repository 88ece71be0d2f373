using PokerTracker.Contracts.Events;

namespace PokerTracker.SharedKernel.Tilt;

/// <summary>What the player's past sessions say about their normal results.</summary>
public sealed record PlayerBaseline(int Sessions, double AverageNetInBuyIns, int LosingStreak)
{
    public static PlayerBaseline None { get; } = new(0, 0, 0);

    /// <summary>The baseline after one more ended session.</summary>
    public PlayerBaseline After(double netInBuyIns) => new(
        Sessions + 1,
        (AverageNetInBuyIns * Math.Min(Sessions, 49) + netInBuyIns) / (Math.Min(Sessions, 49) + 1), // ~last 50 sessions
        netInBuyIns < 0 ? LosingStreak + 1 : 0);
}

/// <summary>
/// The one feature extractor, used to train the tilt model (on simulated sessions) and to score
/// live sessions in Tilt.Worker: the same events give the same numbers, bit for bit.
/// Money is measured in buy-ins (of the session's first buy-in), time in minutes or hours.
/// </summary>
public static class TiltFeatures
{
    public static readonly string[] Names =
    [
        "minutes_since_last_rebuy", "rebuys_last_hour", "buyin_escalation", "net_in_buyins", "drawdown_from_peak",
        "session_hours", "hour_of_day", "breaks_taken", "minutes_since_break", "stack_volatility", "last_swing",
        "result_vs_baseline", "recent_losing_sessions",
    ];

    public static int Count => Names.Length;

    /// <summary>The player's local hour (their time zone from the session start; UTC when unknown).</summary>
    public static int LocalHour(DateTimeOffset at, string timeZone) =>
        timeZone.Length > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
            ? TimeZoneInfo.ConvertTime(at, zone).Hour
            : at.UtcDateTime.Hour;

    /// <summary>Features of a session as of its last event (<paramref name="events"/> in sequence order).</summary>
    public static float[] Extract(IReadOnlyList<SessionEventEnvelope> events, PlayerBaseline baseline) =>
        TiltSession.Of(events).Features(baseline);
}
