using System.Collections;
using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace PokerTracker.Contracts;

/// <summary>Whether a message's times are times at all: one out of range makes reading it as a date throw.</summary>
public static class Timestamps
{
    /// <summary>For each message type, its fields that are or may contain a time; worked out once per type.</summary>
    private static readonly ConcurrentDictionary<MessageDescriptor, FieldDescriptor[]> TimeFields = new();

    /// <summary>A time a <see cref="DateTimeOffset"/> can hold (years 1 to 9999).</summary>
    public static bool IsTime(Timestamp? t) =>
        t is { Seconds: >= -62_135_596_800 and <= 253_402_300_799, Nanos: >= 0 and < 1_000_000_000 };

    /// <summary>
    /// Every timestamp set anywhere in the message, nested ones included (a correction's start, a break's
    /// end), is a time: a consumer that folds the event then cannot fail on one, and one that is not goes
    /// to the dead-letter topic instead of stopping its partition. Only the fields that can hold a time are
    /// read, and nothing is allocated once a type has been seen (both workers check every event).
    /// </summary>
    public static bool AllValid(IMessage message)
    {
        foreach (var field in FieldsOf(message.Descriptor))
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    if (!Valid(entry.Value))
                    {
                        return false;
                    }
                }
            }
            else if (field.IsRepeated)
            {
                var list = (IList)value;
                for (var i = 0; i < list.Count; i++)
                {
                    if (!Valid(list[i]))
                    {
                        return false;
                    }
                }
            }
            else if (!Valid(value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Valid(object? value) => value switch
    {
        Timestamp t => IsTime(t),
        IMessage nested => AllValid(nested),
        _ => true,
    };

    private static FieldDescriptor[] FieldsOf(MessageDescriptor type) =>
        TimeFields.GetOrAdd(type, static t => [.. t.Fields.InFieldNumberOrder().Where(f => MayHoldTime(f, []))]);

    /// <summary>Whether a field is a time, or a message (a map's value) with one somewhere inside.</summary>
    private static bool MayHoldTime(FieldDescriptor field, HashSet<MessageDescriptor> seen)
    {
        var type = field.IsMap ? field.MessageType.FindFieldByNumber(2) : field;
        if (type.FieldType != FieldType.Message)
        {
            return false;
        }

        return type.MessageType == Timestamp.Descriptor
            || (seen.Add(type.MessageType) && type.MessageType.Fields.InFieldNumberOrder().Any(f => MayHoldTime(f, seen)));
    }
}
