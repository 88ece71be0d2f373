using Confluent.Kafka;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;

namespace PokerTracker.TestSupport;

/// <summary>Reads a topic from the beginning in a fresh group, as a downstream consumer would.</summary>
public static class KafkaReader
{
    /// <summary>The session's events on session-events, with their headers.</summary>
    public static List<(SessionEventEnvelope Event, Headers Headers)> ReadSession(
        string bootstrap, string sessionId, int expected, TimeSpan timeout) =>
        [.. Read(bootstrap, Topics.SessionEvents, sessionId, expected, timeout)
            .Select(m => (SessionEventEnvelope.Parser.ParseFrom(m.Message.Value), m.Message.Headers))];

    /// <summary>
    /// The messages of <paramref name="topic"/> with this key: until <paramref name="expected"/> have come or
    /// <paramref name="timeout"/> has passed, and then half a second more, so that a duplicate shows.
    /// </summary>
    public static List<ConsumeResult<string, byte[]>> Read(string bootstrap, string topic, string key, int expected, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "test-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var found = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow + timeout;
        while (found.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } message && message.Message.Key == key)
            {
                found.Add(message);
            }
        }

        // Anything more that arrives shortly after would be a duplicate; give it a moment to show.
        var settle = DateTime.UtcNow.AddMilliseconds(500);
        while (DateTime.UtcNow < settle)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } message && message.Message.Key == key)
            {
                found.Add(message);
            }
        }

        consumer.Close();
        return found;
    }
}
