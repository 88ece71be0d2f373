using PokerTracker.Contracts.Events;
using StackExchange.Redis;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>The outbox's way to Kafka: order, format and trace headers, a frozen broker, and relays that die.</summary>
[Collection(Engines.Collection)]
public sealed class OutboxRelayTests(EnginesFixture engines) : IDisposable
{
    private readonly ApiFactory _api = engines.CreateSoleApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Events_reach_Kafka_in_order_as_Protobuf_with_a_traceparent_header()
    {
        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        for (var i = 0; i < 8; i++)
        {
            await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 20_000 + i * 100 });
        }

        await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut = 20_700 });
        var events = KafkaReader.ReadSession(engines.Kafka.BootstrapServers, id, 11, TimeSpan.FromSeconds(15));
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), events.Select(e => e.Event.Sequence));
        Assert.Equal(SessionEventEnvelope.PayloadOneofCase.SessionStarted, events[0].Event.PayloadCase);
        Assert.Equal(SessionEventEnvelope.PayloadOneofCase.SessionEnded, events[^1].Event.PayloadCase);
        Assert.All(events, e =>
        {
            Assert.Equal(player.UserId, e.Event.UserId);
            Assert.Equal(1, e.Event.SchemaVersion);
            Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", System.Text.Encoding.UTF8.GetString(e.Headers.GetLastBytes("traceparent")));
        });
    }

    [Fact]
    public async Task With_the_broker_frozen_commands_succeed_and_every_event_arrives_once_it_is_back()
    {
        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        engines.Kafka.Freeze();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 1_000 * i });
            }
        }
        finally
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            engines.Kafka.Thaw();
        }

        var events = KafkaReader.ReadSession(engines.Kafka.BootstrapServers, id, 12, TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), events.Select(e => e.Event.Sequence).Distinct());
        Assert.Equal(events.Select(e => e.Event.Sequence).Order(), events.Select(e => e.Event.Sequence));
    }

    [Fact]
    public async Task An_entry_Kafka_refuses_for_good_is_set_aside_and_the_shard_goes_on()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var db = redis.GetDatabase();
        // An entry of 2 MB, past the broker's megabyte, at the head of every shard.
        var huge = new RedisValue[4];
        for (var shard = 0; shard < 4; shard++)
        {
            huge[shard] = await db.StreamAddAsync($"pt:outbox:{shard}",
                [new("key", Guid.NewGuid().ToString()), new("value", new byte[2 * 1024 * 1024]), new("traceparent", ""), new("type", "SessionStarted")]);
        }

        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 777 });
        Assert.Equal([1L, 2L, 3L], KafkaReader.ReadSession(engines.Kafka.BootstrapServers, id, 3, TimeSpan.FromSeconds(20)).Select(e => e.Event.Sequence));

        // Out of the shards (which would otherwise keep it at their head and resend what follows it forever), into the dead letters.
        for (var waited = 0; ; waited++)
        {
            var left = 0;
            for (var shard = 0; shard < 4; shard++)
            {
                left += (await db.StreamRangeAsync($"pt:outbox:{shard}", huge[shard], huge[shard])).Length;
            }

            if (left == 0)
            {
                break;
            }

            Assert.True(waited < 100, $"{left} refused entries still head their shards after 10 s.");
            await Task.Delay(100);
        }

        var dead = await db.StreamRangeAsync("pt:outbox:dead", "-", "+");
        Assert.True(dead.Count(e => e["value"].Length() == 2 * 1024 * 1024) >= 4);
    }

    [Fact]
    public async Task Entries_left_by_a_dead_relay_are_published_by_another_replica_once_its_lease_expires()
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        // A replica that died holding every shard's lease, with work left in the outbox.
        var db = redis.GetDatabase();
        for (var shard = 0; shard < 4; shard++)
        {
            await db.StringSetAsync($"pt:outbox:{shard}:lease", "dead-replica", TimeSpan.FromSeconds(10));
        }

        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 777 });
        var early = KafkaReader.ReadSession(engines.Kafka.BootstrapServers, id, 3, TimeSpan.FromSeconds(2));
        Assert.Empty(early);

        var events = KafkaReader.ReadSession(engines.Kafka.BootstrapServers, id, 3, TimeSpan.FromSeconds(20));
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Event.Sequence));
        await redis.DisposeAsync();
    }

    [Fact]
    public async Task A_relay_that_died_after_publishing_but_before_deleting_causes_only_duplicates_with_the_same_event_ids()
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var db = redis.GetDatabase();
        for (var shard = 0; shard < 4; shard++)
        {
            await db.StringSetAsync($"pt:outbox:{shard}:lease", "dying-replica", TimeSpan.FromSeconds(6));
        }

        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 4_200 });

        // The dying replica published its batch to Kafka, then died before deleting it from the outbox.
        using (var producer = new Confluent.Kafka.ProducerBuilder<string, byte[]>(new Confluent.Kafka.ProducerConfig
        {
            BootstrapServers = engines.Kafka.BootstrapServers, EnableIdempotence = true, Acks = Confluent.Kafka.Acks.All,
        }).Build())
        {
            for (var shard = 0; shard < 4; shard++)
            {
                foreach (var entry in await db.StreamRangeAsync($"pt:outbox:{shard}", "-", "+"))
                {
                    if (entry["key"] == id)
                    {
                        await producer.ProduceAsync(PokerTracker.Contracts.Topics.SessionEvents,
                            new Confluent.Kafka.Message<string, byte[]> { Key = id, Value = (byte[])entry["value"]! });
                    }
                }
            }
        }

        var events = KafkaReader.ReadSession(engines.Kafka.BootstrapServers, id, 6, TimeSpan.FromSeconds(30));
        Assert.Equal(6, events.Count);
        var distinct = events.GroupBy(e => e.Event.EventId).ToList();
        Assert.Equal(3, distinct.Count);
        Assert.All(distinct, g => Assert.Single(g.Select(e => Google.Protobuf.MessageExtensions.ToByteArray(e.Event)).Select(Convert.ToBase64String).Distinct()));
        Assert.Equal([1L, 2L, 3L], distinct.Select(g => g.First().Event.Sequence).Order());
        await redis.DisposeAsync();
    }
}

internal static class HeaderExtensions
{
    public static byte[] GetLastBytes(this Confluent.Kafka.Headers headers, string key) =>
        headers.TryGetLastBytes(key, out var value) ? value : throw new KeyNotFoundException(key);
}
