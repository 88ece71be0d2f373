namespace PokerTracker.SessionApi.Statistics;

/// <summary>One ended session as statistics see it. Money in minor units; time in seconds.</summary>
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
    int? FieldSize)
{
    public double Hours => PlayingSeconds / 3600.0;
}
