using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using PokerTracker.Clients.Kafka;
using PokerTracker.TestSupport;

namespace PokerTracker.Infrastructure.Tests;

/// <summary>The services' one consumer loop keeps reading through what a long outage does to a consumer.</summary>
public sealed class ConsumerLoopTests : IAsyncLifetime
{
    private const string Topic = "loop";
    private KafkaBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await KafkaBroker.StartAsync("--topics", Topic, "--partitions", "1");

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task A_consumer_kept_past_the_poll_interval_by_a_slow_batch_is_replaced_and_reads_on()
    {
        // The first batch takes longer than the poll interval (a store down for minutes, retried): the group
        // counts the consumer gone, its commit is refused, and its next read fails.
        using var loop = new Recording(new KafkaConnection(_broker.BootstrapServers, "loop-test"), firstTakes: TimeSpan.FromSeconds(16));
        await loop.StartAsync(CancellationToken.None);
        await ProduceAsync("first");
        await loop.WaitForAsync("first", times: 2); // handled again by the consumer that took over: it was never committed
        await ProduceAsync("second");
        await loop.WaitForAsync("second", times: 1);

        Assert.False(loop.ExecuteTask!.IsCompleted); // still reading, not stopped
        await loop.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_message_that_fails_for_good_is_set_aside_and_the_ones_around_it_are_handled_and_committed()
    {
        // Before, a handler's failure that was not a passing one ended the loop, and with it the service.
        var kafka = new KafkaConnection(_broker.BootstrapServers, "loop-test");
        var group = "loop-" + Guid.NewGuid().ToString("N");
        using (var loop = new Recording(kafka, TimeSpan.Zero, group))
        {
            await ProduceAsync("a");
            await ProduceAsync("poison");
            await ProduceAsync("b");
            await loop.StartAsync(CancellationToken.None);
            await loop.WaitForAsync("b", times: 1);
            await ProduceAsync("c");
            await loop.WaitForAsync("c", times: 1);

            Assert.Equal("poison", Assert.Single(loop.Rejected).Value);
            Assert.StartsWith("could not be handled: InvalidOperationException", Assert.Single(loop.Rejected).Reason);
            Assert.Equal(1, loop.Handled("a"));
            Assert.False(loop.ExecuteTask!.IsCompleted);
            await loop.StopAsync(CancellationToken.None);
        }

        // Everything, the message set aside included, was committed: the group's next consumer starts after it.
        using var next = new Recording(kafka, TimeSpan.Zero, group);
        await next.StartAsync(CancellationToken.None);
        await ProduceAsync("d");
        await next.WaitForAsync("d", times: 1);
        Assert.Equal(0, next.Handled("a") + next.Handled("b") + next.Handled("c"));
        Assert.Empty(next.Rejected);
        await next.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task When_every_message_fails_the_loop_stops_setting_them_aside_and_waits_for_the_fault_to_pass()
    {
        // A store answering nonsense or a bug every message meets is not the messages' fault: after a few set
        // aside, the next is tried again and again, and goes through once the fault is gone.
        using var loop = new Recording(new KafkaConnection(_broker.BootstrapServers, "loop-test"), TimeSpan.Zero) { Broken = true };
        for (var i = 0; i < KafkaConsumerLoop<string>.MaxSetAsideInARow + 2; i++)
        {
            await ProduceAsync("m" + i);
        }

        await loop.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (loop.Rejected.Count < KafkaConsumerLoop<string>.MaxSetAsideInARow)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{loop.Rejected.Count} set aside");
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(KafkaConsumerLoop<string>.MaxSetAsideInARow, loop.Rejected.Count); // no more than that
        loop.Broken = false;
        await loop.WaitForAsync("m" + (KafkaConsumerLoop<string>.MaxSetAsideInARow + 1), times: 1);
        Assert.Equal(1, loop.Handled("m" + KafkaConsumerLoop<string>.MaxSetAsideInARow));
        Assert.Equal(KafkaConsumerLoop<string>.MaxSetAsideInARow, loop.Rejected.Count);
        await loop.StopAsync(CancellationToken.None);
    }

    private async Task ProduceAsync(string value)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = _broker.BootstrapServers }).Build();
        await producer.ProduceAsync(Topic, new Message<string, byte[]> { Key = "k", Value = System.Text.Encoding.UTF8.GetBytes(value) });
    }

    /// <summary>Records what it handled; "poison" fails every time it is handled, as a value out of range would.</summary>
    private sealed class Recording(KafkaConnection kafka, TimeSpan firstTakes, string? group = null)
        : KafkaConsumerLoop<string>(kafka, TimeProvider.System, NullLogger.Instance)
    {
        private readonly ConcurrentQueue<string> _handled = new();
        private int _batches;

        public ConcurrentQueue<(string Value, string Reason)> Rejected { get; } = new();

        public int Handled(string value) => _handled.Count(v => v == value);

        /// <summary>Every message fails while this is set (a fault of the service, not of the messages).</summary>
        public volatile bool Broken;

        protected override ConsumerSettings Settings { get; } =
            new(group ?? "loop-" + Guid.NewGuid().ToString("N"), Topic, 10, TimeSpan.FromMilliseconds(100)) { MaxPollInterval = TimeSpan.FromSeconds(11) };

        protected override Task RejectAsync(ConsumeResult<string, byte[]> message, string reason, CancellationToken ct)
        {
            Rejected.Enqueue((System.Text.Encoding.UTF8.GetString(message.Message.Value), reason));
            return Task.CompletedTask;
        }

        protected override string? Parse(ConsumeResult<string, byte[]> message, out string? reason)
        {
            reason = null;
            return System.Text.Encoding.UTF8.GetString(message.Message.Value);
        }

        protected override async Task HandleAsync(IReadOnlyList<Received<string>> batch, IReadOnlyList<ConsumeResult<string, byte[]>> all, CancellationToken ct)
        {
            if (Broken || batch.Any(r => r.Value == "poison"))
            {
                throw new InvalidOperationException("a value out of range");
            }

            foreach (var received in batch)
            {
                _handled.Enqueue(received.Value);
            }

            if (Interlocked.Increment(ref _batches) == 1)
            {
                await Task.Delay(firstTakes, ct);
            }
        }

        protected override bool IsTransient(Exception ex) => false;

        public async Task WaitForAsync(string value, int times)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (_handled.Count(v => v == value) < times)
            {
                Assert.True(DateTime.UtcNow < deadline, $"'{value}' was handled {_handled.Count(v => v == value)} times, not {times}; the loop {(ExecuteTask!.IsFaulted ? "stopped: " + ExecuteTask.Exception!.GetBaseException().Message : "runs")}");
                await Task.Delay(100);
            }
        }
    }
}
