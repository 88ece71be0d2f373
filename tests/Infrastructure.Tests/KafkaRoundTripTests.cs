using Confluent.Kafka;
using PokerTracker.TestSupport;

namespace PokerTracker.Infrastructure.Tests;

/// <summary>The local Kafka-protocol broker behaves like Kafka for what the services rely on.</summary>
public sealed class KafkaRoundTripTests : IAsyncLifetime
{
    private const string Topic = "roundtrip";
    private KafkaBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await KafkaBroker.StartAsync("--topics", Topic, "--partitions", "4");

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Messages_produced_idempotently_are_consumed_once_by_a_group_and_not_again_by_a_second_member()
    {
        const int count = 200;
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = _broker.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
        }).Build())
        {
            for (var i = 0; i < count; i++)
            {
                var result = await producer.ProduceAsync(Topic, new Message<string, string> { Key = $"session-{i % 7}", Value = $"event-{i}" });
                Assert.Equal(PersistenceStatus.Persisted, result.Status);
            }
        }

        var group = "group-" + Guid.NewGuid().ToString("N");
        var received = new List<ConsumeResult<string, string>>();
        using (var first = Consumer(group))
        {
            first.Subscribe(Topic);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (received.Count < count && DateTime.UtcNow < deadline)
            {
                if (first.Consume(TimeSpan.FromMilliseconds(500)) is { } message)
                {
                    received.Add(message);
                }
            }

            first.Commit(received
                .GroupBy(r => r.TopicPartition)
                .Select(g => new TopicPartitionOffset(g.Key, g.Max(r => r.Offset.Value) + 1)));
            first.Close();
        }

        Assert.Equal(count, received.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"event-{i}").Order(), received.Select(r => r.Message.Value).Order());
        // Same key, same partition, in produce order.
        foreach (var perKey in received.GroupBy(r => r.Message.Key))
        {
            Assert.Single(perKey.Select(r => r.Partition.Value).Distinct());
            var sequence = perKey.Select(r => int.Parse(r.Message.Value["event-".Length..])).ToList();
            Assert.Equal(sequence.Order(), sequence);
        }

        using var second = Consumer(group);
        second.Subscribe(Topic);
        var redelivered = new List<ConsumeResult<string, string>>();
        var joinDeadline = DateTime.UtcNow.AddSeconds(30);
        while (second.Assignment.Count == 0 && DateTime.UtcNow < joinDeadline)
        {
            redelivered.AddRange(ConsumeFor(second, TimeSpan.FromMilliseconds(200)));
        }

        Assert.Equal(4, second.Assignment.Count);
        redelivered.AddRange(ConsumeFor(second, TimeSpan.FromSeconds(3)));
        Assert.Empty(redelivered);

        // The second member is live: a new message reaches it, and only that one.
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = _broker.BootstrapServers, EnableIdempotence = true, Acks = Acks.All }).Build())
        {
            await producer.ProduceAsync(Topic, new Message<string, string> { Key = "session-late", Value = "event-late" });
        }

        var late = ConsumeFor(second, TimeSpan.FromSeconds(4));
        Assert.Equal(["event-late"], late.Select(r => r.Message.Value));
    }

    private IConsumer<string, string> Consumer(string group) =>
        new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = _broker.BootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = 6_000,
            HeartbeatIntervalMs = 500,
        }).Build();

    private static List<ConsumeResult<string, string>> ConsumeFor(IConsumer<string, string> consumer, TimeSpan duration)
    {
        var results = new List<ConsumeResult<string, string>>();
        var until = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < until)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } message)
            {
                results.Add(message);
            }
        }

        return results;
    }
}
