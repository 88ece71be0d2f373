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
        Description = "A date and time with its offset from UTC, in ISO 8601 (2026-12-02T06:44:00-08:00, 2026-12-02T14:44:00Z). A time without its offset is refused.";
    }

    public override object? ParseLiteral(GraphQLValue value) =>
        value is GraphQLStringValue s ? ParseValue((string)s.Value) : base.ParseLiteral(value);

    /// <summary>Any string passes validation, so that parsing it (<see cref="ParseLiteral"/>) says what is wrong with it.</summary>
    public override bool CanParseLiteral(GraphQLValue value) => value is GraphQLStringValue || base.CanParseLiteral(value);

    public override object? ParseValue(object? value) =>
        value is string text && !DateTimeOffsetJson.HasOffset(text) ? throw new FormatException(OffsetMissingException.Reason) : base.ParseValue(value);
}
