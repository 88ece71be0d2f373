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
        TimeZoneInfo.ConvertTime(StartedAt, Played ?? viewer).DateTime;

    /// <summary>
    /// The table's clock at the start read as if it were <paramref name="viewer"/>'s: the instant a date
    /// range in the viewer's calendar compares, so a session is in the range (and the month) of the
    /// date it is listed under. A session without a zone: its start.
    /// </summary>
    public DateTimeOffset TableStartInViewerCalendar(TimeZoneInfo viewer)
    {
        if (Played is not { } played || played.Id == viewer.Id)
        {
            return StartedAt;
        }

        var wall = DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(StartedAt, played).DateTime, DateTimeKind.Unspecified);
        if (viewer.IsInvalidTime(wall))
        {
            wall = wall.AddHours(1); // the hour the viewer's clocks skip
        }

        return new DateTimeOffset(wall, viewer.GetUtcOffset(wall));
    }

    private TimeZoneInfo? Played => TimeZone.Length > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var played) ? played : null;
}
