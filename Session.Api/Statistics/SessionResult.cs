namespace PokerTracker.SessionApi.Statistics;

/// <summary>One ended session as statistics see it. Money in minor units; time in seconds.</summary>
/// <param name="TimeZone">The IANA zone the session was played in ("" when not known, as for online sessions).</param>
public sealed record SessionResult(
    Guid Id,
    string Kind,
    string Game,
    string Format,
    string Stakes,
    long? BigBlind,
    string Venue,
    string Currency,
    IReadOnlyList<string> Tags,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    long PlayingSeconds,
    long Net,
    long Invested,
    long? Prize,
    int? HandsPlayed,
    int? FinishPosition,
    int? FieldSize,
    string TimeZone = "")
{
    public double Hours => PlayingSeconds / 3600.0;

    /// <summary>
    /// The clock at the table when the session started: in the zone it was played in, or in
    /// <paramref name="viewer"/>'s when that is not known. Weekday and hour figures count by it, so
    /// an evening in Madrid is an evening however far away it is looked at from.
    /// </summary>
    public DateTime TableStart(TimeZoneInfo viewer) =>
        TimeZoneInfo.ConvertTime(StartedAt, TimeZone.Length > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var played) ? played : viewer).DateTime;
}
