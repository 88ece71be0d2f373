using System.Text;
using Confluent.Kafka;
using PokerTracker.Contracts;
using PokerTracker.Clients.Kafka;

namespace PokerTracker.Analytics.Ingestion;

/// <summary>
/// Messages the worker cannot read or store go to their topic's dead-letter topic (<see cref="Topics.DeadLetterOf"/>)
/// with the reason and where they came from, so consumption continues; they can be read and sent again from there.
/// </summary>
public sealed class DeadLetters(KafkaConnection kafka, ILogger<DeadLetters> logger) : IDisposable
{
    private readonly Lazy<IProducer<string, byte[]>> _producer = new(() => new ProducerBuilder<string, byte[]>(kafka.ProducerConfig()).Build());

    public async Task SendAsync(ConsumeResult<string, byte[]> message, string reason, CancellationToken ct)
    {
        var headers = new Headers
        {
            { "dlq-reason", Encoding.UTF8.GetBytes(reason) },
            { "source-topic", Encoding.UTF8.GetBytes(message.Topic) },
            { "source-partition", Encoding.UTF8.GetBytes(message.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
            { "source-offset", Encoding.UTF8.GetBytes(message.Offset.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
        };
        foreach (var header in message.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        await _producer.Value.ProduceAsync(Topics.DeadLetterOf(message.Topic),
            new Message<string, byte[]> { Key = message.Message.Key, Value = message.Message.Value, Headers = headers }, ct);
        logger.LogWarning("Message at {Topic} {Partition}/{Offset} dead-lettered: {Reason}", message.Topic, message.Partition.Value, message.Offset.Value, reason);
    }

    public void Dispose()
    {
        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(TimeSpan.FromSeconds(5));
            _producer.Value.Dispose();
        }
    }
}
