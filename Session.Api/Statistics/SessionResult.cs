namespace PokerTracker.SessionApi.Statistics;

/// <summary>One ended session as statistics see it. Money in minor units; time in seconds.</summary>
/// <param name="TimeZone">The IANA zone the session was played in ("" when not known, as for online sessions).</param>
/// <param name="FromHands">Made from imported hands (an online session no one recorded): its page is its hands, not a session's.</param>
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
    string TimeZone = "",
    bool FromHands = false)
{
    public double Hours => PlayingSeconds / 3600.0;

    /// <summary>An ended session as the analytics store keeps its figures (the analytics worker's session row).</summary>
    public static SessionResult From(SharedKernel.Sessions.SessionState s) => new(
        s.Id, s.Kind, s.Game, s.Format, s.Stakes?.Key ?? "", s.Stakes?.BigBlind, s.Venue, s.Currency, [.. s.Tags],
        Ms(s.StartedAt), Ms(s.EndedAt ?? s.UpdatedAt), (long)s.PlayingTime(s.EndedAt ?? s.UpdatedAt).TotalSeconds,
        s.NetResult, s.TotalInvested, s.Prize, s.HandsPlayed, s.FinishPosition, s.FieldSize, s.TimeZone);

    /// <summary>To the millisecond, as the analytics store keeps times.</summary>
    private static DateTimeOffset Ms(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

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
