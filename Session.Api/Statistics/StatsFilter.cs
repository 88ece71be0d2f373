using System.Globalization;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.Statistics;

/// <summary>Which sessions a statistic covers. Every field is optional and they combine.</summary>
/// <remarks>
/// <see cref="From"/> and <see cref="To"/> select sessions by their start (both ends included) on the
/// clock at their table, read in the viewer's calendar (<see cref="SessionResult.TableStartInViewerCalendar"/>).
/// </remarks>
public sealed partial record StatsFilter(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Kind = null,
    string? Game = null,
    string? Format = null,
    string? Stakes = null,
    string? Venue = null,
    string? Currency = null,
    IReadOnlyList<string>? Tags = null,
    int? MinMinutes = null,
    string? TimeZone = null,
    int? Weekday = null)
{
    /// <summary>
    /// Whether a session the store found is in: on this weekday (0 = Sunday) at the table
    /// (<see cref="SessionResult.TableStart"/>), as the weekday figures count them, and in the date range
    /// on the table's clock. The store is asked for a range wider by <see cref="ZoneSlack"/>.
    /// </summary>
    public bool Matches(SessionResult session, TimeZoneInfo zone)
    {
        if (Weekday is { } day && (int)session.TableStart(zone).DayOfWeek != day)
        {
            return false;
        }

        if (From is null && To is null)
        {
            return true;
        }

        var start = session.TableStartInViewerCalendar(zone);
        return (From is not { } from || start >= from) && (To is not { } to || start <= to);
    }

    /// <summary>
    /// Whether a session the analytics store does not hold yet is one it would find for this filter
    /// (<see cref="StatisticsReader"/>'s query, dates aside: <see cref="Matches"/> checks those for every session).
    /// </summary>
    public bool MatchesStored(SessionResult s) =>
        Same(Kind, s.Kind) && Same(Game, s.Game) && Same(Format, s.Format) && (Stakes is null || Stakes == s.Stakes)
        && Same(Venue, s.Venue) && (Currency is null || Currency == s.Currency)
        && (Tags is not { Count: > 0 } tags || tags.All(t => s.Tags.Any(x => Same(t, x))))
        && (MinMinutes is not { } m || s.PlayingSeconds >= m * 60L);

    /// <summary>
    /// The filter as REST's query string makes it, whichever way it came (GraphQL's input too): text
    /// trimmed, blank as none (" Aria " is Aria, "" no venue filter), the currency in capitals.
    /// </summary>
    public StatsFilter Normalized()
    {
        var tags = Tags?.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList();
        return this with
        {
            Kind = StatsQuery.Text(Kind), Game = StatsQuery.Text(Game), Format = StatsQuery.Text(Format), Stakes = StatsQuery.Text(Stakes),
            Venue = StatsQuery.Text(Venue), Currency = Currencies.Normalize(StatsQuery.Text(Currency)), TimeZone = StatsQuery.Text(TimeZone),
            Tags = tags is { Count: > 0 } ? tags : null,
        };
    }

    private static bool Same(string? wanted, string value) => wanted is null || string.Equals(wanted, value, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <see cref="Matches"/> has anything to check.</summary>
    public bool NarrowsInMemory => Weekday is not null || From is not null || To is not null;

    /// <summary>The most two clocks differ (UTC−12 to UTC+14): how much wider the store's range is than the one asked for.</summary>
    public static readonly TimeSpan ZoneSlack = TimeSpan.FromHours(27);

    /// <summary>The years a range may name: those the analytics store's times can hold.</summary>
    public const int FirstYear = 1900, LastYear = 2299;

    public static string? OutOfRange(DateTimeOffset? at) =>
        at is { Year: < FirstYear or > LastYear } ? $"Must be between {FirstYear}-01-01 and {LastYear}-12-31." : null;

    /// <summary>Checks every field; the time zone must be an IANA id ("Europe/Paris").</summary>
    public TimeZoneInfo Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (From > To) errors["from"] = ["Must be before 'to'."];
        if (OutOfRange(From) is { } early) errors["from"] = [early];
        if (OutOfRange(To) is { } late) errors["to"] = [late];
        if (Kind is not null && !EventNames.Kinds.TryParse(Kind, out _)) errors["kind"] = ["Must be 'cash' or 'tournament'."];
        if (Game is not null && !EventNames.Games.TryParse(Game, out _)) errors["game"] = ["Must be one of NLHE, PLO, PLO5, LHE, Stud, Mixed, Other."];
        if (Format is not null && !EventNames.Formats.TryParse(Format, out _)) errors["format"] = ["Must be 'live' or 'online'."];
        if (Currency is not null && !Currencies.IsValid(Currency)) errors["currency"] = ["Must be an ISO 4217 code, e.g. USD or EUR."];
        if (Stakes is not null && !IsStakesKey(Stakes)) errors["stakes"] = ["Is not a stakes key: the small and the big blind in minor units (cents), e.g. 100/200 for $1/$2."];

        if (Venue is { Length: > Limits.MaxVenueLength }) errors["venue"] = ["Is too long."];
        if (Tags is { Count: > Limits.MaxTags }) errors["tags"] = [$"At most {Limits.MaxTags} tags."];
        if (MinMinutes is < 0 or > 10_080) errors["minMinutes"] = ["Must be between 0 and 10080."];
        if (Weekday is < 0 or > 6) errors["weekday"] = ["Must be 0 (Sunday) to 6 (Saturday)."];
        TimeZoneInfo zone = TimeZoneInfo.Utc;
        if (TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out zone!))
        {
            errors["timeZone"] = ["Must be an IANA time zone, e.g. Europe/Paris."];
        }

        return errors.Count > 0 ? throw new InvalidInputException(errors) : zone ?? TimeZoneInfo.Utc;
    }

    public string ToCacheKey() => System.Text.Json.JsonSerializer.Serialize(this);

    /// <summary>Blinds as a session's stakes are keyed ("100/200"): a big blind, and a small one no bigger.</summary>
    private static bool IsStakesKey(string stakes) =>
        StakesKey().Match(stakes) is { Success: true } blinds
        && long.Parse(blinds.Groups[2].Value, CultureInfo.InvariantCulture) is > 0 and var big
        && long.Parse(blinds.Groups[1].Value, CultureInfo.InvariantCulture) <= big;

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\d{1,18})/(\d{1,18})$")]
    private static partial System.Text.RegularExpressions.Regex StakesKey();
}
