using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>
/// An event payload as web-friendly JSON: 64-bit numbers as numbers (money in minor units is far
/// below 2^53), enums as the API's words ("rebuy", "tips"), timestamps as ISO 8601.
/// </summary>
public static class ProtoJson
{
    public static JsonObject ToJson(IMessage message)
    {
        var node = new JsonObject();
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                var array = new JsonArray();
                foreach (var item in (System.Collections.IEnumerable)value)
                {
                    array.Add(Value(field, item));
                }

                node[field.JsonName] = array;
            }
            else if (field.HasPresence ? field.Accessor.HasValue(message) : true)
            {
                node[field.JsonName] = Value(field, value);
            }
        }

        return node;
    }

    private static JsonNode? Value(FieldDescriptor field, object? value) => value switch
    {
        null => null,
        Timestamp t => JsonValue.Create(t.ToDateTimeOffset()),
        IMessage m => ToJson(m),
        _ when field.FieldType == FieldType.Enum => JsonValue.Create(EnumWord(value)),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        _ => JsonValue.Create(value.ToString()),
    };

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
