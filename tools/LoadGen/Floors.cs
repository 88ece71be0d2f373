using PokerTracker.Analytics.Ingestion;
using PokerTracker.Clients.Kafka;
using PokerTracker.Contracts.Sessions;

namespace PokerTracker.Tools.LoadGen;

/// <summary>
/// The least the three engines do for one stack update, each measured on its own while nothing else runs,
/// with the bytes of a real update from the ingest scenario:
/// - Redis runs Session.Api's append script (the same Lua, the same keys and arguments, pipelined as a busy
///   replica's multiplexer sends it), with the live channel's publish and its append-only file (its own CPU:
///   the rewrites of that file, in a forked child, are shown apart);
/// - the Kafka broker takes the event from an idempotent producer configured as the relay's and hands it to
///   two consumer groups (the two workers), which commit as they do;
/// - the ClickHouse endpoint stores the event's row, in batches of the size the analytics worker writes at
///   the ingest rate (a table of the same definition, made for this and dropped after).
/// The system does all of that for every update and more (the relay reads the outbox back, the tilt worker
/// reads and writes its figures, session summaries are stored, alerts go back through Kafka), so the sum is a
/// floor under the engines' CPU per update: no change to the services' code can take the total below it.
/// </summary>
public static class Floors
{
    private const int Sessions = 32; // as many as the ingest scenario's players, for Kafka's partitions

    /// <summary>The floor's own topic, made with the broker's others (Topics.Partitions partitions): no service reads it.</summary>
    public const string Topic = "bench-floor";

    public static async Task<Dictionary<string, double>> MeasureAsync(
        IConnectionMultiplexer redis, int redisPid, string kafkaBootstrap, int kafkaPid, string clickhouse, int clickhousePid, Guid session, int updates)
    {
        var sample = await UpdateSample.ReadAsync(redis, session);
        var (kafkaFloor, kafkaIdle) = await KafkaAsync(kafkaBootstrap, kafkaPid, sample, updates);
        var (clickhouseFloor, clickhouseIdle) = await ClickHouseAsync(clickhouse, clickhousePid, sample, updates);
        var (redisFloor, rewrites) = await RedisAsync(redis, redisPid, sample, updates);
        var floors = new Dictionary<string, double>
        {
            ["redis_append_script"] = redisFloor,
            ["kafka_produce_and_two_consumer_groups"] = kafkaFloor,
            ["clickhouse_event_rows"] = clickhouseFloor,
        };
        floors["engines_total"] = Math.Round(floors.Values.Sum(), 1);
        // Redis's rewrites of its append-only file that the floor's writes set off (a forked child's work): not
        // in the floor, as their cost grows with everything Redis holds (this benchmark's earlier scenarios too)
        // and their frequency is a setting.
        floors["redis_rewrites_during_the_floor"] = rewrites;
        // What each used with no work of the floor's (subtracted above): the services' clients polling, merges.
        floors["kafka_idle_cores"] = Math.Round(kafkaIdle, 3);
        floors["clickhouse_idle_cores"] = Math.Round(clickhouseIdle, 3);
        return floors;
    }

    /// <summary>Redis's own CPU per call of the append script, with 64 calls in flight, and its children's (rewrites).</summary>
    private static async Task<(double Own, double Children)> RedisAsync(IConnectionMultiplexer redis, int pid, UpdateSample sample, int updates)
    {
        var db = redis.GetDatabase();
        var append = new AppendCall(sample, Guid.NewGuid());
        await append.PrepareAsync(db);
        var before = Cpu.Read(pid);
        for (var n = 0; n < updates; n += 64)
        {
            await Task.WhenAll(Enumerable.Range(n, Math.Min(64, updates - n)).Select(i => append.CallAsync(db, i)));
        }

        var after = Cpu.Read(pid);
        await append.CleanUpAsync(db);
        return (Math.Round((after.Own - before.Own) * 1e6 / updates, 1), Math.Round((after.Children - before.Children) * 1e6 / updates, 1));
    }

    /// <summary>The broker's CPU per event produced once and consumed by two groups, less what it uses idle.</summary>
    private static async Task<(double PerUpdate, double IdleCores)> KafkaAsync(string bootstrap, int pid, UpdateSample sample, int updates)
    {
        var kafka = new KafkaConnection(bootstrap, "bench-floor");
        const string topic = Topic;
        var idle = await IdleCoresAsync(pid);
        var keys = Enumerable.Range(0, Sessions).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var value = sample.Event.ToByteArray();
        var before = Cpu.Seconds(pid);
        var watch = Stopwatch.StartNew();
        using (var producer = new ProducerBuilder<string, byte[]>(kafka.ProducerConfig()).Build())
        {
            for (var n = 0; n < updates; n++)
            {
                producer.Produce(topic, new Message<string, byte[]>
                {
                    Key = keys[n % Sessions], Value = value,
                    Headers = new Headers { { "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"u8.ToArray() }, { "type", System.Text.Encoding.UTF8.GetBytes(sample.Event.TypeName()) } },
                });
            }

            producer.Flush(TimeSpan.FromSeconds(60));
        }

        foreach (var group in new[] { "bench-floor-analytics", "bench-floor-tilt" })
        {
            using var consumer = new ConsumerBuilder<string, byte[]>(kafka.ConsumerConfig($"{group}-{Guid.NewGuid():N}")).Build();
            consumer.Subscribe(topic);
            var batch = new List<ConsumeResult<string, byte[]>>();
            for (var consumed = 0; consumed < updates;)
            {
                var message = consumer.Consume(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException($"The floor's consumer got {consumed} of {updates} events.");
                batch.Add(message);
                consumed++;
                if (batch.Count == 500 || consumed == updates)
                {
                    consumer.Commit(batch.GroupBy(m => m.TopicPartition).Select(g => new TopicPartitionOffset(g.Key, g.Max(m => m.Offset.Value) + 1)));
                    batch.Clear();
                }
            }

            consumer.Close();
        }

        var seconds = Cpu.Seconds(pid) - before - idle * watch.Elapsed.TotalSeconds;
        return (Math.Round(Math.Max(0, seconds) * 1e6 / updates, 1), idle);
    }

    /// <summary>The endpoint's CPU per event row, inserted in batches of 2,500 (the worker's half-second batch at the ingest rate), less what it uses idle.</summary>
    private static async Task<(double PerUpdate, double IdleCores)> ClickHouseAsync(string connection, int pid, UpdateSample sample, int updates)
    {
        using var ch = new ClickHouseClient(connection + ";UseCustomDecimals=false");
        var table = $"{AnalyticsTables.Database}.bench_floor_events";
        await ch.ExecuteNonQueryAsync($"DROP TABLE IF EXISTS {table}");
        await ch.ExecuteNonQueryAsync($"CREATE TABLE {table} AS {AnalyticsTables.Events}");
        var now = DateTime.UtcNow;
        var rows = Enumerable.Range(0, updates).Select(n =>
        {
            var e = sample.Event.Clone();
            e.EventId = Guid.NewGuid().ToString();
            e.Sequence = n + 1;
            return Rows.Event(e, n % Topics.Partitions, n, now);
        }).ToList();
        var idle = await IdleCoresAsync(pid);
        var before = Cpu.Seconds(pid);
        var watch = Stopwatch.StartNew();
        foreach (var chunk in rows.Chunk(2_500))
        {
            await ch.InsertBinaryAsync(table, Rows.EventColumns, chunk);
        }

        await Task.Delay(TimeSpan.FromSeconds(2)); // the merges that follow the inserts are theirs
        var seconds = Cpu.Seconds(pid) - before - idle * watch.Elapsed.TotalSeconds;
        await ch.ExecuteNonQueryAsync($"DROP TABLE {table}");
        return (Math.Round(Math.Max(0, seconds) * 1e6 / updates, 1), idle);
    }

    private static async Task<double> IdleCoresAsync(int pid)
    {
        var before = Cpu.Seconds(pid);
        await Task.Delay(TimeSpan.FromSeconds(2));
        return (Cpu.Seconds(pid) - before) / 2;
    }
}
