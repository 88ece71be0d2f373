using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PokerTracker.Clients.Kafka;

/// <summary>What a consumer loop reads, how many at a time, and for how long it drains on a stop.</summary>
/// <param name="MaxBatch">The most messages handled together.</param>
/// <param name="FlushInterval">A batch is handled at most this long after its first message arrived.</param>
public sealed record ConsumerSettings(string GroupId, string Topic, int MaxBatch, TimeSpan FlushInterval)
{
    /// <summary>On a graceful stop, the batch in hand is still handled and committed for this long at most.</summary>
    public TimeSpan DrainTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts at a batch that failed for a passing reason.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a batch may take (retries included) before the group counts this consumer gone; null: Kafka's default (5 minutes).</summary>
    public TimeSpan? MaxPollInterval { get; init; }
}

/// <summary>A message read well, with the Kafka record it came in.</summary>
public sealed record Received<T>(T Value, ConsumeResult<string, byte[]> Message);

/// <summary>
/// The one way the services consume Kafka: collect a batch (up to <see cref="ConsumerSettings.MaxBatch"/>
/// messages or <see cref="ConsumerSettings.FlushInterval"/>), parse each message (what cannot be read
/// goes to <see cref="RejectAsync"/>), hand the batch over — retried with exponential back-off while it
/// fails for a passing reason; when it fails for another, message by message, and what fails alone goes
/// to <see cref="RejectAsync"/> too — and only then commit its offsets. A graceful stop finishes and commits
/// the batch in hand (for a few seconds at most) and leaves the group cleanly. Handling must be
/// idempotent: after a crash or a rebalance the uncommitted batch comes again.
/// </summary>
public abstract class KafkaConsumerLoop<T>(KafkaConnection kafka, TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time => time;

    protected ILogger Logger => logger;

    protected abstract ConsumerSettings Settings { get; }

    /// <summary>The message's content, or null with the reason it cannot be used.</summary>
    protected abstract T? Parse(ConsumeResult<string, byte[]> message, out string? reason);

    /// <summary>Handles a batch of well-read messages; throws to have it retried (see <see cref="IsTransient"/>).</summary>
    protected abstract Task HandleAsync(IReadOnlyList<Received<T>> batch, IReadOnlyList<ConsumeResult<string, byte[]>> all, CancellationToken ct);

    /// <summary>Failures worth retrying (a store away for a moment). Anything else sets the message that causes it aside (<see cref="RejectAsync"/>).</summary>
    protected abstract bool IsTransient(Exception ex);

    /// <summary>A message that cannot be read or handled: by default logged and skipped.</summary>
    protected virtual Task RejectAsync(ConsumeResult<string, byte[]> message, string reason, CancellationToken ct)
    {
        logger.LogWarning("Skipped an unreadable message at {Topic} {Partition}/{Offset}: {Reason}", message.Topic, message.Partition.Value, message.Offset.Value, reason);
        return Task.CompletedTask;
    }

    /// <summary>Runs once before consuming starts (a schema to apply, say).</summary>
    protected virtual Task StartingAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>The partitions this instance had are gone: state about them may be stale now.</summary>
    protected virtual void OnPartitionsRevoked(IReadOnlyList<TopicPartitionOffset> revoked)
    {
    }

    /// <summary>After each poll, batch or not, with how many messages the consumer is behind (<see cref="ConsumerLag"/>).</summary>
    protected virtual void OnPolled(long lag)
    {
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await StartingAsync(stoppingToken);
        await Task.Factory.StartNew(() => ConsumeAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>
    /// Consumes until the stop. When the consumer itself fails — it stayed away longer than the poll
    /// interval while a batch was retried (a store down for minutes), or Kafka refused it — a new one
    /// joins the group and reads on from the last commit (the batch in hand comes again), rather than
    /// the service stopping and nothing more being read.
    /// </summary>
    private async Task ConsumeAsync(CancellationToken ct)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), Settings.MaxBackoff, time);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ConsumeWithAsync(ct);
            }
            catch (KafkaException ex) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning("The consumer of {Topic} failed ({Reason}); a new one joins in {Delay}", Settings.Topic, ex.Error.Reason, backoff.Next);
                try
                {
                    await backoff.WaitAsync(ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ConsumeWithAsync(CancellationToken ct)
    {
        var settings = Settings;
        var config = kafka.ConsumerConfig(settings.GroupId);
        if (settings.MaxPollInterval is { } interval)
        {
            config.MaxPollIntervalMs = (int)interval.TotalMilliseconds;
        }

        using var consumer = new ConsumerBuilder<string, byte[]>(config)
            .SetPartitionsRevokedHandler((_, revoked) =>
            {
                logger.LogInformation("Partitions of {Topic} revoked: {Partitions}", settings.Topic, string.Join(",", revoked.Select(p => p.Partition.Value)));
                OnPartitionsRevoked(revoked);
            })
            .SetPartitionsAssignedHandler((_, assigned) =>
                logger.LogInformation("Partitions of {Topic} assigned: {Partitions}", settings.Topic, string.Join(",", assigned.Select(p => p.Partition.Value))))
            .Build();
        consumer.Subscribe(settings.Topic);

        // On a graceful stop the batch in hand is still handled and committed, for a while.
        using var drain = new CancellationTokenSource();
        using var onStop = ct.Register(() => drain.CancelAfter(settings.DrainTime));
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var batch = Collect(consumer, settings, ct);
                if (batch.Count > 0)
                {
                    await HandleBatchAsync(batch, drain.Token);
                    Commit(consumer, batch);
                }

                OnPolled(ConsumerLag.Measure(consumer, settings.GroupId, settings.Topic));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            logger.LogInformation("Stopped with a batch of {Topic} not handled; it is delivered again", settings.Topic);
        }
        finally
        {
            try
            {
                consumer.Close();
            }
            catch (KafkaException ex)
            {
                logger.LogDebug("Closing the consumer of {Topic} failed ({Reason})", settings.Topic, ex.Error.Reason);
            }
        }
    }

    private List<ConsumeResult<string, byte[]>> Collect(IConsumer<string, byte[]> consumer, ConsumerSettings settings, CancellationToken ct)
    {
        var batch = new List<ConsumeResult<string, byte[]>>();
        var first = consumer.Consume(TimeSpan.FromMilliseconds(250));
        if (first is null || first.IsPartitionEOF)
        {
            return batch;
        }

        batch.Add(first);
        var deadline = time.GetUtcNow() + settings.FlushInterval;
        while (batch.Count < settings.MaxBatch && !ct.IsCancellationRequested)
        {
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero || consumer.Consume(left) is not { IsPartitionEOF: false } next)
            {
                break;
            }

            batch.Add(next);
        }

        return batch;
    }

    private async Task HandleBatchAsync(List<ConsumeResult<string, byte[]>> batch, CancellationToken ct)
    {
        var good = new List<Received<T>>(batch.Count);
        foreach (var message in batch)
        {
            if (Parse(message, out var reason) is { } value)
            {
                good.Add(new Received<T>(value, message));
            }
            else
            {
                await WithRetryAsync(() => RejectAsync(message, reason ?? "unreadable", ct), ct);
            }
        }

        if (good.Count == 0)
        {
            return;
        }

        try
        {
            await WithRetryAsync(() => HandleAsync(good, batch, ct), ct);
            _setAsideInARow = 0;
        }
        catch (Exception ex) when (SetsAside(ex, ct))
        {
            // A message the handler cannot take (a value out of range, a bug it meets): one at a time, so that
            // only what fails alone is set aside, and the partition (everybody's messages behind it) flows on.
            logger.LogError(ex, "A batch of {Count} messages of {Topic} could not be handled; handling them one at a time", good.Count, Settings.Topic);
            await HandleOneByOneAsync(good, ct);
        }
    }

    /// <summary>
    /// How many messages in a row may fail alone before the failure is taken for the service's own (a store
    /// answering nonsense, a bug every message meets) rather than the messages': then nothing more is set
    /// aside, and the message is tried again and again, as for a passing failure, until one goes through.
    /// </summary>
    public const int MaxSetAsideInARow = 10;

    private int _setAsideInARow;

    /// <summary>A failure that says nothing about the service's reach (not a passing one, not the consumer's own, not the stop).</summary>
    private bool SetsAside(Exception ex, CancellationToken ct) =>
        !IsTransient(ex) && ex is not KafkaException && !(ex is OperationCanceledException && ct.IsCancellationRequested);

    private async Task HandleOneByOneAsync(List<Received<T>> good, CancellationToken ct)
    {
        foreach (var received in good)
        {
            var message = received.Message;
            var backoff = new Backoff(TimeSpan.FromSeconds(1), Settings.MaxBackoff, time);
            while (true)
            {
                try
                {
                    await WithRetryAsync(() => HandleAsync([received], [message], ct), ct);
                    _setAsideInARow = 0;
                    break;
                }
                catch (Exception ex) when (SetsAside(ex, ct) && _setAsideInARow < MaxSetAsideInARow)
                {
                    _setAsideInARow++;
                    logger.LogError(ex, "The message at {Topic} {Partition}/{Offset} could not be handled; it is set aside", message.Topic, message.Partition.Value, message.Offset.Value);
                    await WithRetryAsync(() => RejectAsync(message, $"could not be handled: {ex.GetType().Name}: {ex.Message}", ct), ct);
                    break;
                }
                catch (Exception ex) when (SetsAside(ex, ct))
                {
                    logger.LogError(ex, "{Count} messages of {Topic} in a row could not be handled: taken for a fault of this service, the message at {Partition}/{Offset} is tried again in {Delay}",
                        _setAsideInARow, Settings.Topic, message.Partition.Value, message.Offset.Value, backoff.Next);
                    await backoff.WaitAsync(ct);
                }
            }
        }
    }

    private async Task WithRetryAsync(Func<Task> work, CancellationToken ct)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), Settings.MaxBackoff, time);
        while (true)
        {
            try
            {
                await work();
                return;
            }
            catch (Exception ex) when (IsTransient(ex) && !ct.IsCancellationRequested)
            {
                logger.LogWarning("Handling a batch of {Topic} failed ({Reason}); retrying in {Delay}", Settings.Topic, ex.Message, backoff.Next);
                await backoff.WaitAsync(ct);
            }
        }
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
            // During a rebalance the commit is refused; the batch comes again, and handling it again changes nothing.
            logger.LogWarning("Offsets of {Topic} not committed ({Reason}); the batch will be delivered again", Settings.Topic, ex.Error.Reason);
        }
    }
}
