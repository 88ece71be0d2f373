using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>
/// An event payload as web-friendly JSON: 64-bit numbers as numbers (money in minor units is far
/// below 2^53), enums as the API's words ("rebuy", "tips"), timestamps as ISO 8601. Written
/// straight to the writer: this runs once per event on the command path.
/// </summary>
public static class ProtoJson
{
    public static void Write(Utf8JsonWriter writer, IMessage message)
    {
        writer.WriteStartObject();
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                writer.WriteStartArray(field.JsonName);
                foreach (var item in (System.Collections.IEnumerable)value)
                {
                    WriteValue(writer, field, item);
                }

                writer.WriteEndArray();
            }
            else if (!field.HasPresence || field.Accessor.HasValue(message))
            {
                writer.WritePropertyName(field.JsonName);
                WriteValue(writer, field, value);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, FieldDescriptor field, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case Timestamp t:
                writer.WriteStringValue(t.ToDateTimeOffset());
                break;
            case IMessage m:
                Write(writer, m);
                break;
            case not null when field.FieldType == FieldType.Enum:
                writer.WriteStringValue(EnumWord(value));
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    private static string EnumWord(object value) => value switch
    {
        SessionKind k => EventNames.Kinds.Name(k),
        GameType g => EventNames.Games.Name(g),
        PlayFormat f => EventNames.Formats.Name(f),
        BuyInKind b => EventNames.BuyInKinds.Name(b),
        ExpenseKind e => EventNames.ExpenseKinds.Name(e),
        _ => value.ToString() ?? "",
    };
}
