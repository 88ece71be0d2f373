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

    public override object? ParseValue(object? value) => value switch
    {
        string text when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => throw new TimeWithoutOffsetException(DateAlone),
        string text when !DateTimeOffsetJson.HasOffset(text) => throw new TimeWithoutOffsetException(OffsetMissingException.Reason),
        _ => base.ParseValue(value),
    };

    /// <summary>The built-in type read a date alone as midnight UTC: for a player in Los Angeles, a filter "from 2026-10-01" began at 5 PM the day before.</summary>
    internal const string DateAlone =
        "A date alone names no moment here: send the time with its offset from UTC, e.g. 2026-10-01T00:00:00-07:00 for that day's start in Los Angeles.";
}

/// <summary>A time refused for want of its offset: the error says so (<see cref="TimeErrorInfoProvider"/>).</summary>
public sealed class TimeWithoutOffsetException(string message) : FormatException(message);
