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
/// events, then the sessions they changed — and only then are its offsets committed (the shared
/// <see cref="KafkaConsumerLoop{T}"/>). A crash or rebalance in between re-delivers the batch;
/// storing it again changes nothing, because both tables are ReplacingMergeTrees keyed by event id
/// and by session (latest version wins). Events it cannot read or store go to the dead-letter topic.
/// </summary>
internal sealed class AnalyticsWorker(
    KafkaConnection kafka,
    PokerTracker.Clients.Redis.DeletedAccounts deleted,
    ClickHouseClient clickhouse,
    IConnectionMultiplexer redis,
    SchemaMigrator schema,
    SessionStates states,
    DeadLetters deadLetters,
    AnalyticsMetrics metrics,
    IOptions<AnalyticsOptions> options,
    TimeProvider time,
    ILogger<AnalyticsWorker> logger) : AnalyticsConsumer<SessionEventEnvelope>(kafka, deadLetters, metrics, time, logger)
{
    public static readonly ActivitySource Source = new(Telemetry.Name);

    protected override ConsumerSettings Settings =>
        new(options.Value.ConsumerGroup, Topics.SessionEvents, options.Value.MaxBatch, options.Value.FlushInterval);

    protected override Task StartingAsync(CancellationToken ct) => schema.MigrateAsync(ct);

    /// <summary>Sessions of partitions this worker no longer owns may be changed by another worker.</summary>
    protected override void OnPartitionsRevoked(IReadOnlyList<TopicPartitionOffset> revoked) => states.Clear();

    protected override async Task HandleAsync(IReadOnlyList<Received<SessionEventEnvelope>> received, IReadOnlyList<ConsumeResult<string, byte[]>> all, CancellationToken ct)
    {
        // Nothing of a deleted account is stored again (its events may still be on their way), and what an
        // earlier try of this batch stored for it is purged again.
        var batch = await deleted.ToStoreAsync(received, r => r.Value.UserId, Time.GetUtcNow());
        using var tracing = new BatchTracing(Source, all, all.Count);
        var watch = Stopwatch.StartNew();

        var now = Time.GetUtcNow().UtcDateTime;
        var events = batch.Select(r => r.Value).ToList();
        var rows = batch.Select(r => Rows.Event(r.Value, r.Message.Partition.Value, r.Message.Offset.Value, now)).ToList();

        if (rows.Count > 0)
        {
            using (tracing.Step("clickhouse insert events"))
            {
                await clickhouse.InsertBinaryAsync(AnalyticsTables.Events, Rows.EventColumns, rows, cancellationToken: ct);
            }

            IReadOnlyList<SharedKernel.Sessions.SessionState> sessions;
            try
            {
                sessions = await states.ApplyAsync(events, ct);
                using (tracing.Step("clickhouse insert sessions"))
                {
                    await clickhouse.InsertBinaryAsync(AnalyticsTables.Sessions, Rows.SessionColumns, sessions.Select(Rows.Session).ToList(), cancellationToken: ct);
                }

                // Statistics caches key on this version: bumping it invalidates them. Then the live store
                // learns which versions are stored, so that its copies may expire.
                var versions = redis.GetDatabase();
                await Task.WhenAll(sessions.Select(s => s.OwnerId).Distinct().Select(u => versions.StringIncrementAsync(LiveStoreKeys.StatsVersion(u))));
                await Task.WhenAll(sessions.Select(s => versions.ScriptEvaluateAsync(
                    LiveStoreKeys.ConfirmScript, [.. LiveStoreKeys.ConfirmKeys(s.Id).Select(k => (RedisKey)k)], [s.Id.ToString(), s.Version])));
            }
            catch
            {
                // The cache has taken in this batch, but its sessions were not all stored, announced and
                // confirmed: forgotten, they are rebuilt from the stored events on the retry, and written,
                // bumped and confirmed then (not skipped as seen, which left cached statistics without them).
                states.Clear();
                throw;
            }

            var db = redis.GetDatabase();
            foreach (var gone in await deleted.PurgeAgainIfDeletedAsync(events.Select(e => e.UserId), Time.GetUtcNow()))
            {
                await db.KeyDeleteAsync(LiveStoreKeys.StatsVersion(gone)); // bumped above, after the account's keys were removed
            }
        }

        Metrics.Batch(rows.Count, watch.Elapsed.TotalMilliseconds);
        Logger.LogDebug("Stored {Events} events in {Elapsed} ms", rows.Count, watch.ElapsedMilliseconds);
    }

    /// <summary>A well-formed event of a known kind, or null with the reason it goes to the dead-letter topic.</summary>
    protected override SessionEventEnvelope? Parse(ConsumeResult<string, byte[]> message, out string? reason)
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
            _ when !IsTime(e.OccurredAt) || !IsTime(e.RecordedAt) || !Timestamps.AllValid(e) => "missing or impossible timestamps",
            _ => null,
        };
        return reason is null ? e : null;
    }

    protected override void OnPolled(long lag) => Metrics.SetLag(lag);
}
