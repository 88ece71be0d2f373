using System.Diagnostics;
using ClickHouse.Driver;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using PokerTracker.Analytics.Schema;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using PokerTracker.Clients.Kafka;
using StackExchange.Redis;
using PokerTracker.SharedKernel.LiveStore;

namespace PokerTracker.Analytics.Ingestion;

/// <summary>
/// session-events → ClickHouse, exactly once in effect: a batch (500 ms or N events) is stored —
/// events, then the sessions they changed — and only then are its offsets committed. A crash or
/// rebalance in between re-delivers the batch; storing it again changes nothing, because both
/// tables are ReplacingMergeTrees keyed by event id and by session (latest version wins).
/// </summary>
internal sealed class AnalyticsWorker(
    KafkaConnection kafka,
    ClickHouseClient clickhouse,
    IConnectionMultiplexer redis,
    SchemaMigrator schema,
    SessionStates states,
    DeadLetters deadLetters,
    AnalyticsMetrics metrics,
    IOptions<AnalyticsOptions> options,
    ILogger<AnalyticsWorker> logger) : BackgroundService
{
    public static readonly ActivitySource Source = new(Telemetry.Name);
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.MigrateAsync(stoppingToken);
        await Task.Factory.StartNew(() => ConsumeLoop(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    private async Task ConsumeLoop(CancellationToken ct)
    {
        var o = options.Value;
        using var consumer = new ConsumerBuilder<string, byte[]>(kafka.ConsumerConfig(o.ConsumerGroup))
            .SetPartitionsRevokedHandler((_, revoked) =>
            {
                logger.LogInformation("Partitions revoked: {Partitions}", string.Join(",", revoked.Select(p => p.Partition.Value)));
                states.Clear();
            })
            .SetPartitionsAssignedHandler((_, assigned) =>
                logger.LogInformation("Partitions assigned: {Partitions}", string.Join(",", assigned.Select(p => p.Partition.Value))))
            .Build();
        consumer.Subscribe(Topics.SessionEvents);

        // On a graceful stop, the batch in hand is still stored and committed (for a few seconds at most).
        using var drain = new CancellationTokenSource();
        using var onStop = ct.Register(() => drain.CancelAfter(DrainTime));
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var batch = Collect(consumer, o, ct);
                if (batch.Count == 0)
                {
                    UpdateLag(consumer);
                    continue;
                }

                await StoreWithRetryAsync(batch, drain.Token);
                Commit(consumer, batch);
                UpdateLag(consumer);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            logger.LogInformation("Stopped with a batch not stored; it is delivered again");
        }
        finally
        {
            consumer.Close();
        }
    }

    private static List<ConsumeResult<string, byte[]>> Collect(IConsumer<string, byte[]> consumer, AnalyticsOptions o, CancellationToken ct)
    {
        var batch = new List<ConsumeResult<string, byte[]>>();
        var first = consumer.Consume(TimeSpan.FromMilliseconds(250));
        if (first is null || first.IsPartitionEOF)
        {
            return batch;
        }

        batch.Add(first);
        var deadline = DateTime.UtcNow + o.FlushInterval;
        while (batch.Count < o.MaxBatch && !ct.IsCancellationRequested)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || consumer.Consume(left) is not { } next)
            {
                break;
            }

            batch.Add(next);
        }

        return batch;
    }

    private async Task StoreWithRetryAsync(List<ConsumeResult<string, byte[]>> batch, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await StoreAsync(batch, ct);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or ClickHouseServerException or TaskCanceledException or RedisException && !ct.IsCancellationRequested)
            {
                logger.LogWarning("Storing a batch of {Count} events failed ({Reason}); retrying in {Delay}", batch.Count, ex.Message, delay);
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromMilliseconds(Math.Min(10_000, delay.TotalMilliseconds * 2));
            }
        }
    }

    private async Task StoreAsync(List<ConsumeResult<string, byte[]>> batch, CancellationToken ct)
    {
        using var tracing = new BatchTracing(Source, batch, batch.Count);
        var watch = Stopwatch.StartNew();

        var now = DateTime.UtcNow;
        var events = new List<SessionEventEnvelope>(batch.Count);
        var rows = new List<object[]>(batch.Count);
        foreach (var message in batch)
        {
            if (Read(message, out var reason) is { } e)
            {
                events.Add(e);
                rows.Add(Rows.Event(e, message.Partition.Value, message.Offset.Value, now));
            }
            else
            {
                await deadLetters.SendAsync(message, reason!, ct);
                metrics.DeadLettered();
            }
        }

        if (rows.Count > 0)
        {
            using (tracing.Step("clickhouse insert events"))
            {
                await clickhouse.InsertBinaryAsync(AnalyticsTables.Events, Rows.EventColumns, rows, cancellationToken: ct);
            }

            var sessions = await states.ApplyAsync(events, ct);
            using (tracing.Step("clickhouse insert sessions"))
            {
                await clickhouse.InsertBinaryAsync(AnalyticsTables.Sessions, Rows.SessionColumns, sessions.Select(Rows.Session).ToList(), cancellationToken: ct);
            }

            // Statistics caches key on this version: bumping it invalidates them. Then the live store
            // learns which versions are stored, so that its copies may expire.
            var db = redis.GetDatabase();
            await Task.WhenAll(sessions.Select(s => s.OwnerId).Distinct().Select(u => db.StringIncrementAsync(LiveStoreKeys.StatsVersion(u))));
            await Task.WhenAll(sessions.Select(s => db.ScriptEvaluateAsync(
                LiveStoreKeys.ConfirmScript, [.. LiveStoreKeys.ConfirmKeys(s.Id).Select(k => (RedisKey)k)], [s.Id.ToString(), s.Version])));
        }

        metrics.Batch(rows.Count, watch.Elapsed.TotalMilliseconds);
        logger.LogDebug("Stored {Events} events in {Elapsed} ms", rows.Count, watch.ElapsedMilliseconds);
    }

    /// <summary>A well-formed event of a known kind, or null with the reason it goes to the dead-letter topic.</summary>
    private static SessionEventEnvelope? Read(ConsumeResult<string, byte[]> message, out string? reason)
    {
        reason = null;
        SessionEventEnvelope e;
        try
        {
            e = SessionEventEnvelope.Parser.ParseFrom(message.Message.Value ?? []);
        }
        catch (InvalidProtocolBufferException ex)
        {
            reason = "not a SessionEventEnvelope: " + ex.Message;
            return null;
        }

        reason = e switch
        {
            { PayloadCase: SessionEventEnvelope.PayloadOneofCase.None } => "unknown or missing event type",
            { SchemaVersion: not 1 } => $"unsupported schema version {e.SchemaVersion}",
            _ when !Guid.TryParse(e.EventId, out _) || !Guid.TryParse(e.SessionId, out _) => "event id or session id is not a UUID",
            { UserId.Length: 0 } => "no user id",
            { Sequence: < 1 } => "sequence must start at 1",
            _ when e.OccurredAt is null || e.RecordedAt is null => "missing timestamps",
            _ => null,
        };
        return reason is null ? e : null;
    }

    private void Commit(IConsumer<string, byte[]> consumer, List<ConsumeResult<string, byte[]>> batch)
    {
        var offsets = batch.GroupBy(m => m.TopicPartition).Select(g => new TopicPartitionOffset(g.Key, g.Max(m => m.Offset.Value) + 1)).ToList();
        try
        {
            consumer.Commit(offsets);
        }
        catch (KafkaException ex)
        {
            // During a rebalance the commit is refused; the batch comes again, and storing it again changes nothing.
            logger.LogWarning("Offsets not committed ({Reason}); the batch will be redelivered", ex.Error.Reason);
        }
    }

    private void UpdateLag(IConsumer<string, byte[]> consumer)
    {
        long lag = 0;
        foreach (var partition in consumer.Assignment)
        {
            var watermarks = consumer.GetWatermarkOffsets(partition);
            var position = consumer.Position(partition);
            if (watermarks.High.Value >= 0 && position.Value >= 0)
            {
                lag += Math.Max(0, watermarks.High.Value - position.Value);
            }
        }

        metrics.SetLag(lag);
    }
}
