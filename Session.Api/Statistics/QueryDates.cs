using System.Globalization;

namespace PokerTracker.SessionApi.Statistics;

/// <summary>The bounds of a filter's time span as a query string writes them, for sessions and hands alike.</summary>
public static class QueryDates
{
    /// <summary>
    /// A date alone ("2026-10-31") means that day where the player is: from its midnight, or to its
    /// end (a range "from 2026-10-01 to 2026-10-31" is the whole of October, not October less its last day).
    /// </summary>
    public static DateTimeOffset? Bound(string? text, string name, TimeZoneInfo zone, bool wholeDay, Dictionary<string, string[]> errors)
    {
        if (StatsQuery.Text(text) is not { } value)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (StatsFilter.OutOfRange(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)) is { } far)
            {
                errors[name] = [far];
                return null;
            }

            var midnight = day.AddDays(wholeDay ? 1 : 0).ToDateTime(TimeOnly.MinValue);
            var at = new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
            return wholeDay ? at.AddTicks(-1) : at;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        errors[name] = [$"\"{(value.Length > 40 ? value[..40] + "…" : value)}\" is not a date and time: send a date (2026-10-31) or a time (2026-10-31T23:00:00Z)."];
        return null;
    }

    /// <summary>The viewer's zone (an IANA id), UTC when none is named; an unknown one is named in <paramref name="errors"/>.</summary>
    public static TimeZoneInfo Zone(string? name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return TimeZoneInfo.Utc;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(name.Trim(), out var zone))
        {
            return zone;
        }

        errors["timeZone"] = ["Must be an IANA time zone, e.g. Europe/Paris."];
        return TimeZoneInfo.Utc;
    }
}
