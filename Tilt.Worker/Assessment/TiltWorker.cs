using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using PokerTracker.Clients.Kafka;
using StackExchange.Redis;

namespace PokerTracker.Tilt.Assessment;

/// <summary>
/// session-events → assessments and alerts on tilt-alerts. Its own consumer group; offsets are
/// committed after the events are handled, and a redelivered event is recognised by its sequence.
/// </summary>
internal sealed class TiltWorker(
    KafkaConnection kafka, SessionAssessment assessment, AlertPublisher publisher, IOptions<TiltOptions> options, ILogger<TiltWorker> logger) : BackgroundService
{
    private static readonly ActivitySource Source = new(Telemetry.Name);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(
            Task.Factory.StartNew(() => ConsumeAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap(),
            SweepAsync(stoppingToken));

    private async Task ConsumeAsync(CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(kafka.ConsumerConfig(options.Value.ConsumerGroup)).Build();
        consumer.Subscribe(Topics.SessionEvents);
        var pending = new Dictionary<TopicPartition, TopicPartitionOffset>();
        var lastCommit = DateTime.UtcNow;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var message = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (message is not null && !message.IsPartitionEOF)
                {
                    await HandleWithRetryAsync(message, ct);
                    pending[message.TopicPartition] = new TopicPartitionOffset(message.TopicPartition, message.Offset + 1);
                }

                if (pending.Count > 0 && (DateTime.UtcNow - lastCommit > TimeSpan.FromMilliseconds(500) || message is null))
                {
                    try
                    {
                        // Offsets only after the assessments and alerts of those events are acknowledged.
                        await publisher.FlushAsync();
                        consumer.Commit(pending.Values);
                    }
                    catch (KafkaException ex)
                    {
                        // Not committed: the events come again; the ones whose publish failed are assessed again
                        // (the sequence check skips the rest).
                        logger.LogWarning("Offsets not committed ({Reason}); events may be seen again", ex.Error.Reason);
                    }

                    pending.Clear();
                    lastCommit = DateTime.UtcNow;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            consumer.Close();
        }
    }

    private async Task HandleWithRetryAsync(ConsumeResult<string, byte[]> message, CancellationToken ct)
    {
        SessionEventEnvelope e;
        try
        {
            e = SessionEventEnvelope.Parser.ParseFrom(message.Message.Value);
        }
        catch (InvalidProtocolBufferException)
        {
            logger.LogWarning("Skipped an unreadable event at {Partition}/{Offset}", message.Partition.Value, message.Offset.Value);
            return;
        }

        if (e.PayloadCase == SessionEventEnvelope.PayloadOneofCase.None || !Guid.TryParse(e.SessionId, out _))
        {
            return;
        }

        ActivityContext.TryParse(message.Message.Headers?.TryGetLastBytes("traceparent", out var tp) == true ? Encoding.UTF8.GetString(tp) : null, null, out var parent);
        using var activity = Source.StartActivity("tilt assess", ActivityKind.Consumer, parent);
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await assessment.HandleAsync(e);
                return;
            }
            catch (Exception ex) when (ex is RedisException or ProduceException<string, byte[]> or TimeoutException && !ct.IsCancellationRequested)
            {
                logger.LogWarning("Assessing {SessionId}/{Sequence} failed ({Reason}); retrying", e.SessionId, e.Sequence, ex.Message);
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromMilliseconds(Math.Min(5_000, delay.TotalMilliseconds * 2));
            }
        }
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.GuardSweepInterval);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await assessment.SweepAsync(DateTimeOffset.UtcNow);
            }
            catch (Exception ex) when (ex is RedisException or ProduceException<string, byte[]> or TimeoutException)
            {
                logger.LogWarning("Guard sweep failed ({Reason})", ex.Message);
            }
        }
    }
}
