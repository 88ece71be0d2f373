using ClickHouse.Driver;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using PokerTracker.Analytics.Schema;
using PokerTracker.Clients.Kafka;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Training;

namespace PokerTracker.Analytics.Ingestion;

/// <summary>
/// training-events → ClickHouse: every graded decision, once per (training, spot) in effect
/// (ReplacingMergeTree), committed after the insert — the same loop as the session events.
/// </summary>
internal sealed class TrainingIngestion(
    KafkaConnection kafka,
    PokerTracker.Clients.Redis.DeletedAccounts deleted, ClickHouseClient clickhouse, SchemaMigrator schema, DeadLetters deadLetters, AnalyticsMetrics metrics,
    IOptions<AnalyticsOptions> options, TimeProvider time, ILogger<TrainingIngestion> logger)
    : AnalyticsConsumer<TrainingEventEnvelope>(kafka, deadLetters, metrics, time, logger)
{
    private static readonly string[] Columns =
    [
        "user_id", "training_id", "spot", "event_id", "hand_class", "stack", "ante", "seat", "choice", "best", "correct",
        "ev_lost", "ev_aggressive", "ev_fold", "equilibrium_frequency", "decided_at", "ingested_at",
    ];

    protected override ConsumerSettings Settings =>
        new(options.Value.ConsumerGroup + "-training", Topics.TrainingEvents, options.Value.MaxBatch, options.Value.FlushInterval);

    protected override Task StartingAsync(CancellationToken ct) => schema.Ready.WaitAsync(ct);

    protected override TrainingEventEnvelope? Parse(ConsumeResult<string, byte[]> message, out string? reason)
    {
        reason = null;
        try
        {
            var e = TrainingEventEnvelope.Parser.ParseFrom(message.Message.Value ?? []);
            reason = !Guid.TryParse(e.TrainingId, out _) || !Guid.TryParse(e.EventId, out _) || e.UserId.Length == 0 ? "no training, event or player"
                : !IsTime(e.OccurredAt) ? "no possible time"
                : null;
            return reason is null ? e : null;
        }
        catch (InvalidProtocolBufferException ex)
        {
            reason = ex.Message;
            return null;
        }
    }

    protected override async Task HandleAsync(IReadOnlyList<Received<TrainingEventEnvelope>> received, IReadOnlyList<ConsumeResult<string, byte[]>> all, CancellationToken ct)
    {
        // Nothing of a deleted account is stored again (its events may still be on their way), and what an
        // earlier try of this batch stored for it is purged again.
        var batch = await deleted.ToStoreAsync(received, r => r.Value.UserId, Time.GetUtcNow());
        var now = Time.GetUtcNow().UtcDateTime;
        var rows = batch.Select(r => r.Value).Where(e => e.PayloadCase == TrainingEventEnvelope.PayloadOneofCase.DecisionMade).Select(e =>
        {
            var d = e.DecisionMade;
            return new object[]
            {
                e.UserId, Guid.Parse(e.TrainingId), d.Spot, Guid.Parse(e.EventId), d.HandClass, d.Stack, d.Ante,
                d.Seat == Seat.BigBlind ? "big-blind" : "small-blind", Name(d.Choice), Name(d.Best), d.Correct, d.EvLost,
                d.EvAggressive, d.EvFold, d.EquilibriumFrequency, e.OccurredAt.ToDateTime(), now,
            };
        }).ToList();
        if (rows.Count > 0)
        {
            await clickhouse.InsertBinaryAsync(AnalyticsTables.TrainingDecisions, Columns, rows, cancellationToken: ct);
            Metrics.TrainingDecisions(rows.Count);
            await deleted.PurgeAgainIfDeletedAsync(batch.Select(r => r.Value.UserId), Time.GetUtcNow());
        }
    }

    private static string Name(Choice choice) => choice switch
    {
        Choice.Shove => "shove",
        Choice.Call => "call",
        _ => "fold",
    };
}
