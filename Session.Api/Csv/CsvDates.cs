using System.Globalization;
using System.Text.RegularExpressions;

namespace PokerTracker.SessionApi.Csv;

/// <summary>Which way round a file writes its numeric dates ("05/04/2026"), as far as its dates tell.</summary>
[Flags]
public enum DayOrder
{
    Unknown = 0,
    DayFirst = 1,
    MonthFirst = 2,
    Mixed = DayFirst | MonthFirst,
}

/// <summary>
/// Times as spreadsheets write them. ISO 8601 ("2026-11-20T19:00:00Z", "2026-11-20 19:00") and
/// dates with a month's name read as written; numeric dates with slashes or dashes ("11/20/2026 7:00 PM",
/// "20/11/2026 19:00") are read the way round the file's own dates show (a day after the 12th tells),
/// with dots ("20.11.2026") day first. A time without an offset is the clock at the table: it is
/// read in the row's time zone (UTC when none is known).
/// </summary>
internal static partial class CsvDates
{
    [GeneratedRegex(@"^(?<a>\d{1,2})(?<sep>[/.\-])(?<b>\d{1,2})\k<sep>(?<y>\d{4}|\d{2})(?:[ T]+(?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2})(?<f>\.\d+)?)?\s*(?<ampm>[AaPp][Mm])?)?\s*(?<zone>Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex Numeric();

    [GeneratedRegex(@"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")]
    private static partial Regex YearFirst();

    [GeneratedRegex(@"[A-Za-z]{3,}")]
    private static partial Regex MonthName();

    /// <summary>
    /// Which way round the file's numeric dates are, from all of its start and end times: a day after
    /// the 12th tells, and so does a row whose session lasts hours one way round and months the other.
    /// </summary>
    public static DayOrder OrderOf(string text, string delimiter, TimeSpan longestSession)
    {
        using var csv = new CsvHelper.CsvReader(new StringReader(text), CsvFormat.ReadConfiguration(delimiter));
        var order = DayOrder.Unknown;
        if (csv.Read() && csv.ReadHeader())
        {
            while (csv.Read() && order != DayOrder.Mixed)
            {
                var (started, ended) = (csv.TryGetField<string>("started_at", out var s) ? s : null, csv.TryGetField<string>("ended_at", out var e) ? e : null);
                order |= Evidence(started) | Evidence(ended);
                if (started is not null && ended is not null)
                {
                    bool Plausible(DayOrder way) => Readings(started, way, TimeZoneInfo.Utc) is [var from] && Readings(ended, way, TimeZoneInfo.Utc) is [var to] && to > from && to - from <= longestSession;
                    var (dayFirst, monthFirst) = (Plausible(DayOrder.DayFirst), Plausible(DayOrder.MonthFirst));
                    order |= dayFirst && !monthFirst ? DayOrder.DayFirst : monthFirst && !dayFirst ? DayOrder.MonthFirst : DayOrder.Unknown;
                }
            }
        }

        return order;
    }

    /// <summary>What one field says about the file's order: a day after the 12th in first or second place.</summary>
    public static DayOrder Evidence(string? text)
    {
        if (text is null || Numeric().Match(text.Trim()) is not { Success: true } match || match.Groups["sep"].Value == ".")
        {
            return DayOrder.Unknown;
        }

        var (a, b) = (int.Parse(match.Groups["a"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["b"].Value, CultureInfo.InvariantCulture));
        return a > 12 && b <= 12 ? DayOrder.DayFirst : b > 12 && a <= 12 ? DayOrder.MonthFirst : DayOrder.Unknown;
    }

    /// <summary>
    /// The instants a field can mean: one for ISO 8601, a month's name, dots or a known order; both
    /// readings of a numeric date whose order the file does not show (the caller picks by the row);
    /// none when it is not a time. A time without an offset is read in <paramref name="zone"/>.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Readings(string text, DayOrder order, TimeZoneInfo zone)
    {
        text = text.Trim();
        if (Numeric().Match(text) is { Success: true } match)
        {
            var (a, b) = (int.Parse(match.Groups["a"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["b"].Value, CultureInfo.InvariantCulture));
            var dayFirst = match.Groups["sep"].Value == "." || order == DayOrder.DayFirst;
            var monthFirst = match.Groups["sep"].Value != "." && order == DayOrder.MonthFirst;
            var readings = new List<DateTimeOffset>(2);
            if (!monthFirst && At(match, day: a, month: b, zone) is { } asDayFirst)
            {
                readings.Add(asDayFirst);
            }

            if (!dayFirst && !(a == b && readings.Count > 0) && At(match, day: b, month: a, zone) is { } asMonthFirst)
            {
                readings.Add(asMonthFirst);
            }

            return readings;
        }

        if ((YearFirst().IsMatch(text) || MonthName().IsMatch(text.Replace("AM", "").Replace("PM", "")))
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            && value.Year is >= 2 and <= 9998)
        {
            // An offset or a Z says which instant; without one, the wall clock is the zone's.
            return value.Kind == DateTimeKind.Unspecified
                ? [InZone(value, zone)]
                : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var exact) ? [exact] : [];
        }

        return [];
    }

    [GeneratedRegex(@"(?:\d|\s)(?<zone>Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex TrailingOffset();

    /// <summary>The offset a time is written with ("…-05:00", "…Z"), or null when it has none.</summary>
    public static TimeSpan? WrittenOffset(string text)
    {
        if (TrailingOffset().Match(text.Trim()) is not { Success: true } match)
        {
            return null;
        }

        return Offset(match.Groups["zone"].Value);
    }

    /// <summary>"Z", "+01:00", "-0500" as an offset.</summary>
    private static TimeSpan Offset(string written)
    {
        written = written.Replace(":", "", StringComparison.Ordinal);
        return written == "Z" ? TimeSpan.Zero
            : new TimeSpan(int.Parse(written[1..3], CultureInfo.InvariantCulture), int.Parse(written[3..5], CultureInfo.InvariantCulture), 0) * (written[0] == '-' ? -1 : 1);
    }

    /// <summary>The IANA zone of a fixed whole-hour offset ("Etc/GMT+5" is UTC−05:00), or null for another offset.</summary>
    public static TimeZoneInfo? FixedZone(TimeSpan offset) =>
        offset.Minutes == 0 && offset.Hours is >= -12 and <= 14
            && TimeZoneInfo.TryFindSystemTimeZoneById(offset == TimeSpan.Zero ? "Etc/UTC" : $"Etc/GMT{(offset < TimeSpan.Zero ? '+' : '-')}{Math.Abs(offset.Hours)}", out var zone)
            ? zone
            : null;

    /// <summary>
    /// A wall-clock time in <paramref name="zone"/>, as an instant in UTC. An hour the clocks skip or
    /// repeat takes the zone's standard offset.
    /// </summary>
    public static DateTimeOffset InZone(DateTime wall, TimeZoneInfo zone)
    {
        wall = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        return new DateTimeOffset(wall, zone.IsInvalidTime(wall) || zone.IsAmbiguousTime(wall) ? zone.BaseUtcOffset : zone.GetUtcOffset(wall)).ToUniversalTime();
    }

    private static DateTimeOffset? At(Match match, int day, int month, TimeZoneInfo zone)
    {
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        year = year < 100 ? 2000 + year : year;
        var hour = match.Groups["h"].Success ? int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
        var minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var second = match.Groups["s"].Success ? int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        var fraction = match.Groups["f"].Success ? double.Parse(match.Groups["f"].Value, CultureInfo.InvariantCulture) : 0;
        if (match.Groups["ampm"].Success)
        {
            if (hour is < 1 or > 12)
            {
                return null;
            }

            var pm = match.Groups["ampm"].Value.StartsWith('P') || match.Groups["ampm"].Value.StartsWith('p');
            hour = hour % 12 + (pm ? 12 : 0);
        }

        // The first and last years a clock time can be placed in whatever zone ("9999-12-31" is a sheet's "no end").
        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        if (!match.Groups["zone"].Success)
        {
            return InZone(new DateTime(year, month, day, hour, minute, second).AddTicks((long)(fraction * TimeSpan.TicksPerSecond)), zone);
        }

        var offset = Offset(match.Groups["zone"].Value);
        if (offset.Duration() > TimeSpan.FromHours(14))
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks((long)(fraction * TimeSpan.TicksPerSecond)).ToUniversalTime();
    }
}
