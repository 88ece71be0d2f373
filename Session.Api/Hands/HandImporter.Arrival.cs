using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Hands;

/// <summary>
/// How an upload arrives before it is read: whole, on disk past a megabyte, with no reading slot held
/// while it trickles in; at most <see cref="UploadsArriving"/> at once on a replica (each on disk takes
/// at most the upload limit); and the player's running mark kept for as long as the import lasts.
/// </summary>
public sealed partial class HandImporter
{
    /// <summary>The most one hand may take once read (a real hand takes a few kilobytes).</summary>
    public const int MaxHandBytes = 64 * 1024;

    /// <summary>The most one batch of hands (one Kafka message) takes: well under the broker's 1 MB limit on a message.</summary>
    public const int MaxBatchBytes = 512 * 1024;

    /// <summary>Uploads arriving at once on one replica.</summary>
    public const int UploadsArriving = 8;

    /// <summary>How long a received upload waits for a reading slot (a reading takes seconds) before a 429.</summary>
    private static readonly TimeSpan SlotWait = TimeSpan.FromSeconds(30);

    /// <summary>How often the player's running mark (which lapses 30 s after its last renewal) is renewed.</summary>
    private static readonly TimeSpan MarkRenewal = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _arriving = new(UploadsArriving);

    private async Task ReceiveAsync(HttpRequest request, CancellationToken ct)
    {
        if (!await _arriving.WaitAsync(TimeSpan.Zero, ct))
        {
            throw new RateLimitedException("uploads arriving at once", TimeSpan.FromSeconds(5));
        }

        try
        {
            // Past a megabyte the body goes to a temporary file, deleted with the request.
            request.EnableBuffering(bufferThreshold: 1024 * 1024);
            await request.Body.CopyToAsync(Stream.Null, ct);
            request.Body.Position = 0;
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException { StatusCode: not StatusCodes.Status413PayloadTooLarge } && !ct.IsCancellationRequested)
        {
            throw InvalidInputException.Field("body", "The upload ended before its end: nothing was imported. Send the file again.");
        }
        finally
        {
            _arriving.Release();
        }
    }

    /// <summary>Renews the player's running mark until the import ends: one import at a time per player, however slowly the upload arrives.</summary>
    private async Task KeepMarkedAsync(string userId, Guid importId, CancellationToken done)
    {
        using var timer = new PeriodicTimer(MarkRenewal, time);
        try
        {
            while (await timer.WaitForNextTickAsync(done))
            {
                try
                {
                    await store.KeepRunningAsync(userId, importId);
                }
                catch (StackExchange.Redis.RedisException e)
                {
                    logger.LogWarning(e, "The running mark of hand import {ImportId} could not be renewed; trying again in {Seconds} s", importId, MarkRenewal.TotalSeconds);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the import ended
        }
    }
}
