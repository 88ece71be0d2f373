using StackExchange.Redis;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>
/// An outbox entry's fields, read in one pass with their names compared as bytes (looking each up
/// by name decodes every name to a string, for every entry relayed).
/// </summary>
internal readonly record struct OutboxFields(string Key, byte[] Value, string? TraceParent, byte[] Type, string? Topic)
{
    public static OutboxFields Read(StreamEntry entry)
    {
        string key = "";
        byte[] value = [], type = [];
        string? traceParent = null, topic = null;
        foreach (var field in entry.Values)
        {
            var name = ((ReadOnlyMemory<byte>)field.Name).Span;
            if (name.SequenceEqual("key"u8))
            {
                key = field.Value.ToString();
            }
            else if (name.SequenceEqual("value"u8))
            {
                value = (byte[]?)field.Value ?? [];
            }
            else if (name.SequenceEqual("traceparent"u8))
            {
                traceParent = field.Value.IsNullOrEmpty ? null : field.Value.ToString();
            }
            else if (name.SequenceEqual("type"u8))
            {
                type = (byte[]?)field.Value ?? [];
            }
            else if (name.SequenceEqual("topic"u8) && !field.Value.IsNullOrEmpty)
            {
                topic = field.Value.ToString();
            }
        }

        return new OutboxFields(key, value, traceParent, type, topic);
    }
}
