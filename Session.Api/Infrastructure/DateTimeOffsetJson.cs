using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PokerTracker.SessionApi.Infrastructure;

/// <summary>
/// A time sent to the API names its offset ("…Z" or "…-08:00"): one without would be read on the
/// server's clock, which is no player's (06:44 meant at a table in Las Vegas is not 06:44 UTC), and
/// the session would move by hours without a word. Such a time is a 400 that says so.
/// </summary>
public sealed class DateTimeOffsetJson : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && !HasOffset(reader.ValueSpan))
        {
            throw new OffsetMissingException();
        }

        return reader.GetDateTimeOffset();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    private static readonly DateTimeOffsetJson Required = new();
    private static readonly Optional RequiredIfGiven = new();

    /// <summary>A resolver's modifier: every time property of a type it makes is read with its offset only.</summary>
    public static void RequireOffsets(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.PropertyType == typeof(DateTimeOffset))
            {
                property.CustomConverter = Required;
            }
            else if (property.PropertyType == typeof(DateTimeOffset?))
            {
                property.CustomConverter = RequiredIfGiven;
            }
        }
    }

    /// <summary>The same for a time that may be left out or null.</summary>
    private sealed class Optional : JsonConverter<DateTimeOffset?>
    {
        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? null : Required.Read(ref reader, typeof(DateTimeOffset), options);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
        {
            if (value is { } at)
            {
                writer.WriteStringValue(at);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }

    /// <summary>Ends in "Z" or "±hh:mm" (or "±hhmm") after its time ("2026-12-02T06:44:00-08:00").</summary>
    private static bool HasOffset(ReadOnlySpan<byte> text)
    {
        var time = text.IndexOfAny((byte)'T', (byte)'t');
        if (time < 0 || text.IndexOf((byte)'\\') >= 0)
        {
            return time >= 0; // escaped text: the reader's own parse decides
        }

        var tail = text[(time + 1)..];
        return tail.EndsWith("Z"u8) || tail.EndsWith("z"u8) || tail.IndexOfAny((byte)'+', (byte)'-') >= 0;
    }
}

/// <summary>A time without its offset (see <see cref="DateTimeOffsetJson"/>).</summary>
public sealed class OffsetMissingException() : JsonException(Reason)
{
    public const string Reason =
        "A time must say its offset from UTC, e.g. 2026-12-02T06:44:00-08:00 or 2026-12-02T14:44:00Z: without one it cannot be told which clock it was read on.";
}
