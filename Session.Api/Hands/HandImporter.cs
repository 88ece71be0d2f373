using System.Globalization;
using System.Diagnostics.Metrics;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Hands;
using PokerTracker.HandHistories.Model;
using PokerTracker.HandHistories.Parsing;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.Hands;

/// <summary>
/// Imports hand histories: reads the upload as it arrives (a file, a form with files, or a zip),
/// parses hand by hand, and writes the new hands in batches through the outbox — so memory does
/// not grow with the file. Each batch checks and records the hands' keys atomically: importing a
/// file twice, or overlapping files, adds nothing.
/// </summary>
public sealed partial class HandImporter(HandStore store, HandMapping mapping, Training.TrainingStore training, IOptions<HandOptions> options, TimeProvider time, IMeterFactory meters, ILogger<HandImporter> logger)
{
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private readonly SemaphoreSlim _running = new(options.Value.ConcurrentImports);
    private readonly Counter<long> _imported = meters.Create(Telemetry.Name).CreateCounter<long>(
        "pokertracker.hands.imported", unit: "{hand}", description: "Imported hands, by outcome (new, duplicate, refused)");

    public async Task<HandImportReport> ImportAsync(Caller caller, HttpRequest request, Guid? importId, string? fileName, CancellationToken ct)
    {
        var id = importId ?? Guid.NewGuid();
        if (!await store.BeginAsync(caller.UserId, id))
        {
            throw new ImportRunningException();
        }

        using var done = new CancellationTokenSource();
        var marking = KeepMarkedAsync(caller.UserId, id, done.Token);
        try
        {
            // A slow upload holds no slot of the replica's reading: the upload arrives first (kept on
            // disk past a megabyte), then it is read at the machine's speed.
            await ReceiveAsync(request, ct);
            if (!await _running.WaitAsync(SlotWait, ct))
            {
                throw new RateLimitedException("imports running at once", TimeSpan.FromSeconds(5));
            }

            try
            {
                return await RunAsync(caller, request, id, fileName, ct);
            }
            finally
            {
                _running.Release();
            }
        }
        finally
        {
            await done.CancelAsync();
            await marking;
            await store.EndAsync(caller.UserId, id);
        }
    }

    private async Task<HandImportReport> RunAsync(Caller caller, HttpRequest request, Guid id, string? fileName, CancellationToken ct)
    {
        var progress = new Progress(id, time.GetUtcNow(), options.Value.ProblemsListed);
        if (!await store.SaveReportAsync(caller.UserId, progress.Snapshot("running"), first: true))
        {
            throw new ImportIdTakenException(id);
        }

        try
        {
            await foreach (var (name, body, unreadable) in FilesAsync(request, fileName ?? "upload", ct))
            {
                var file = progress.Start(name);
                if (body is null)
                {
                    file.Error = unreadable; // reported on its own; the upload's other files are still read
                }
                else
                {
                    await ImportFileAsync(caller.UserId, id, file, body, progress, ct);
                }

                await store.SaveReportAsync(caller.UserId, progress.Snapshot("running"), first: false);
                if (progress.StoppedBecause is not null)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or OperationCanceledException or BadHttpRequestException)
        {
            // The upload broke off (the client went away, the body was too large, the server is stopping):
            // what was written stays written, and sending the file again adds only the rest.
            progress.StoppedBecause = e is BadHttpRequestException { StatusCode: 413 } bad ? bad.Message : HandStore.Interrupted;
            var interrupted = progress.Snapshot("stopped", time.GetUtcNow());
            await store.SaveReportAsync(caller.UserId, interrupted, first: false);
            logger.LogWarning("Hand import {ImportId} interrupted after {Imported} new hands: {Reason}", id, interrupted.Imported, e.GetType().Name);
            if (e is IOException or InvalidDataException && !ct.IsCancellationRequested)
            {
                // The client is still there: its upload was cut short or is no well-formed form.
                throw InvalidInputException.Field("body", string.Create(CultureInfo.InvariantCulture,
                    $"The upload ended before its end, or is not a complete multipart form: {interrupted.Hands} hands read, {interrupted.Imported} new ones imported. Send the file again to import the rest (nothing is doubled)."));
            }

            throw;
        }

        var readable = progress.Imported + progress.Duplicates;
        var report = progress.Snapshot(readable == 0 && progress.StoppedBecause is null ? "failed" : progress.StoppedBecause is null ? "done" : "stopped", time.GetUtcNow());
        await store.SaveReportAsync(caller.UserId, report, first: false);
        logger.LogInformation("Hand import {ImportId} {Status}: {Files} files, {Hands} hands, {Imported} new, {Duplicates} already imported, {Refused} refused",
            id, report.Status, report.Files.Count, report.Hands, report.Imported, report.Duplicates, report.Refused);
        return report.Status == "failed" ? throw new NoReadableHandException(report) : report;
    }

    private async Task ImportFileAsync(string userId, Guid importId, Progress.FileProgress file, Stream body, Progress progress, CancellationToken ct)
    {
        using var reader = new StreamReader(body, LenientUtf8.Encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var chunk = new List<(Hand Hand, ImportedHand Mapped)>(options.Value.BatchSize);
        var chunkBytes = 0;
        try
        {
            await foreach (var result in HandHistoryReader.Default.ReadAsync(reader, f => file.Format = f, ct))
            {
                file.Hands++;
                if ((result.Hand is { } read ? HandAdmission.Refusal(read, time.GetUtcNow()) : result.Error ?? "unreadable") is { } refusal)
                {
                    progress.Refuse(file, result.Line, result.HandId, refusal);
                    _imported.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
                    continue;
                }

                var hand = result.Hand!;
                var mapped = mapping.Map(hand, file.Format ?? "");
                var size = mapped.CalculateSize();
                if (size > MaxHandBytes)
                {
                    // A hand is a few kilobytes: one this large (names of a thousand characters) is no hand a site wrote.
                    progress.Refuse(file, result.Line, result.HandId, $"The hand takes {size / 1024:N0} KB once read, more than any hand ({MaxHandBytes / 1024} KB).");
                    _imported.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
                    continue;
                }

                chunk.Add((hand, mapped));
                chunkBytes += size;
                // A batch is one Kafka message: it stays well under the broker's megabyte.
                if (chunk.Count >= options.Value.BatchSize || chunkBytes >= MaxBatchBytes)
                {
                    chunkBytes = 0;
                    if (!await FlushAsync(userId, importId, file, chunk, progress))
                    {
                        return;
                    }

                    await progress.ReportAsync(async () =>
                    {
                        await store.SaveReportAsync(userId, progress.Snapshot("running"), first: false);
                        await store.KeepRunningAsync(userId, importId);
                    }, time.GetUtcNow());
                }
            }

            await FlushAsync(userId, importId, file, chunk, progress);
        }
        catch (UnknownFormatException e)
        {
            file.Error = e.Message;
        }
        catch (UploadTooLargeException e)
        {
            file.Error = e.Message;
            progress.StoppedBecause = e.Message;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or BadHttpRequestException or OperationCanceledException && chunk.Count > 0)
        {
            // The upload broke off: the whole hands read before the break are written (the report says
            // so), and sending the file again adds the rest.
            await FlushAsync(userId, importId, file, chunk, progress);
            throw;
        }
    }

    /// <summary>Writes the chunk's new hands; false when a quota stops the import.</summary>
    private async Task<bool> FlushAsync(string userId, Guid importId, Progress.FileProgress file, List<(Hand Hand, ImportedHand Mapped)> chunk, Progress progress)
    {
        var unique = new Dictionary<string, ImportedHand>();
        foreach (var (hand, mapped) in chunk)
        {
            if (!unique.TryAdd(HandMapping.Key(hand), mapped))
            {
                file.Duplicates++; // the same hand twice in one upload
            }
        }

        chunk.Clear();
        for (var attempt = 0; unique.Count > 0; attempt++)
        {
            var keys = unique.Keys.ToList();
            var known = await store.ContainsAsync(userId, keys);
            for (var i = 0; i < keys.Count; i++)
            {
                if (known[i])
                {
                    unique.Remove(keys[i]);
                    file.Duplicates++;
                    _imported.Add(1, new KeyValuePair<string, object?>("outcome", "duplicate"));
                }
            }

            if (unique.Count == 0)
            {
                break;
            }

            var envelope = new HandEventEnvelope
            {
                EventId = Guid.NewGuid().ToString(),
                UserId = userId,
                ImportId = importId.ToString(),
                OccurredAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
                SchemaVersion = 1,
                HandsImported = new HandsImported(),
            };
            envelope.HandsImported.Hands.AddRange(unique.Values);
            switch (await store.AppendAsync(envelope, [.. unique.Keys]))
            {
                case HandAppend.Appended:
                    // The trainer's "my leaks" drill deals spots like the player's mistakes, in real hands too.
                    foreach (var review in envelope.HandsImported.Hands.Select(h => h.Review).Where(r => r is { Correct: false }))
                    {
                        await training.RememberMistakeAsync(userId, review.Seat, review.Stack, review.HandClass);
                    }

                    file.Imported += unique.Count;
                    _imported.Add(unique.Count, new KeyValuePair<string, object?>("outcome", "new"));
                    return true;
                case HandAppend.PlayerFull:
                    progress.StoppedBecause = $"You keep at most {options.Value.MaxHandsPerPlayer:N0} hands; the rest of the upload was not imported.";
                    return false;
                case HandAppend.DayFull:
                    progress.StoppedBecause = $"At most {options.Value.MaxHandsPerDay:N0} new hands a day (UTC); the rest of the upload was not imported — import it again tomorrow, nothing is doubled.";
                    return false;
                case HandAppend.AlreadyImported when attempt < 3:
                    continue; // another import recorded some of these meanwhile: look again
                default:
                    throw new InvalidOperationException("Hands kept being imported concurrently.");
            }
        }

        return true;
    }
}
