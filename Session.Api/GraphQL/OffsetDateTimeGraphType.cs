using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;
using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.GraphQL;

/// <summary>
/// The schema's <c>DateTimeOffset</c>: a time sent in names its offset, as REST requires
/// (<see cref="DateTimeOffsetJson"/>). The built-in one read "2026-12-03T17:45:40" as UTC, and a
/// stack update sent with the phone's local time landed hours away without a word.
/// </summary>
public sealed class OffsetDateTimeGraphType : DateTimeOffsetGraphType
{
    public OffsetDateTimeGraphType()
    {
        Name = "DateTimeOffset";
        Description = "A date and time with its offset from UTC, in ISO 8601 (2026-12-02T06:44:00-08:00, 2026-12-02T14:44:00Z). A date alone, or a time without its offset, is refused (which clock it was read on cannot be told).";
    }

    public override object? ParseLiteral(GraphQLValue value) =>
        value is GraphQLStringValue s ? ParseValue((string)s.Value) : base.ParseLiteral(value);

    /// <summary>Any string passes validation, so that parsing it (<see cref="ParseLiteral"/>) says what is wrong with it.</summary>
    public override bool CanParseLiteral(GraphQLValue value) => value is GraphQLStringValue || base.CanParseLiteral(value);

    public override object? ParseValue(object? value) => value is string text ? Parse(text) : base.ParseValue(value);

    /// <summary>
    /// Any way of writing a time with its offset ("…T18:45Z", "…T18:45:40-08:00", "Thu, 03 Dec 2026 18:45:40 GMT");
    /// anything else is refused with its reason: a date alone, a time without its offset, or no time at all.
    /// </summary>
    private static DateTimeOffset Parse(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new TimeWithoutOffsetException(DateAlone);
        }

        // Read keeping its kind (a time that names its offset, or Z, or GMT, is not of an unspecified one), and
        // with no date taken from today's: a time of day alone ("18:45 +01:00") names no moment either.
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind | DateTimeStyles.NoCurrentDateDefault, out var read)
            || read.Year == 1
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            throw new TimeWithoutOffsetException(
                $"\"{(text.Length > 40 ? text[..40] + "…" : text)}\" is not a time: send one in ISO 8601 with its offset from UTC, e.g. 2026-12-02T06:44:00-08:00 or 2026-12-02T14:44:00Z.");
        }

        return read.Kind == DateTimeKind.Unspecified ? throw new TimeWithoutOffsetException(OffsetMissingException.Reason) : at;
    }

    /// <summary>The built-in type read a date alone as midnight UTC: for a player in Los Angeles, a filter "from 2026-10-01" began at 5 PM the day before.</summary>
    internal const string DateAlone =
        "A date alone names no moment here: send the time with its offset from UTC, e.g. 2026-10-01T00:00:00-07:00 for that day's start in Los Angeles.";
}

/// <summary>A time refused (its offset missing, or no time at all): the error says why (<see cref="TimeErrorInfoProvider"/>).</summary>
public sealed class TimeWithoutOffsetException(string message) : FormatException(message);
