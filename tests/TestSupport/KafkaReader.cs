using Confluent.Kafka;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;

namespace PokerTracker.TestSupport;

/// <summary>Reads session-events from the beginning in a fresh group, as a downstream consumer would.</summary>
public static class KafkaReader
{
    public static List<(SessionEventEnvelope Event, Headers Headers)> ReadSession(
        string bootstrap, string sessionId, int expected, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "test-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(Topics.SessionEvents);
        var found = new List<(SessionEventEnvelope, Headers)>();
        var deadline = DateTime.UtcNow + timeout;
        while (found.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } message && message.Message.Key == sessionId)
            {
                found.Add((SessionEventEnvelope.Parser.ParseFrom(message.Message.Value), message.Message.Headers));
            }
        }

        // Anything more that arrives shortly after would be a duplicate; give it a moment to show.
        var settle = DateTime.UtcNow.AddMilliseconds(500);
        while (DateTime.UtcNow < settle)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } message && message.Message.Key == sessionId)
            {
                found.Add((SessionEventEnvelope.Parser.ParseFrom(message.Message.Value), message.Message.Headers));
            }
        }

        consumer.Close();
        return found;
    }
}
