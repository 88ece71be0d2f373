using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace PokerTracker.Contracts;

/// <summary>Whether a message's times are times at all: one out of range makes reading it as a date throw.</summary>
public static class Timestamps
{
    /// <summary>A time a <see cref="DateTimeOffset"/> can hold (years 1 to 9999).</summary>
    public static bool IsTime(Timestamp? t) =>
        t is { Seconds: >= -62_135_596_800 and <= 253_402_300_799, Nanos: >= 0 and < 1_000_000_000 };

    /// <summary>
    /// Every timestamp set anywhere in the message, nested ones included (a correction's start, a break's
    /// end), is a time: a consumer that folds the event then cannot fail on one, and one that is not goes
    /// to the dead-letter topic instead of stopping its partition.
    /// </summary>
    public static bool AllValid(IMessage message)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType != FieldType.Message)
            {
                continue;
            }

            var value = field.Accessor.GetValue(message);
            IEnumerable items = value switch
            {
                IDictionary map => map.Values,
                IList list => list,
                _ => new[] { value },
            };
            foreach (var item in items)
            {
                if (item is Timestamp t ? !IsTime(t) : item is IMessage nested && !AllValid(nested))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
