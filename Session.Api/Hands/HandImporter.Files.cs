using System.IO.Compression;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Hands;

public sealed partial class HandImporter
{
    /// <summary>One file of an upload: its content, or why it cannot be read (then the upload goes on with the next).</summary>
    private readonly record struct UploadFile(string Name, Stream? Body, string? Unreadable);

    /// <summary>
    /// The upload's files: the parts of a form, or the body itself; a zip's entries in its place. All the
    /// zips of one upload share one unpack budget: a form of a hundred small zips unpacks no more than one.
    /// </summary>
    private async IAsyncEnumerable<UploadFile> FilesAsync(HttpRequest request, string name, [EnumeratorCancellation] CancellationToken ct)
    {
        var budget = new UnpackBudget(options.Value.MaxUploadBytes * 10);
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
            if (string.IsNullOrEmpty(boundary))
            {
                throw InvalidInputException.Field("Content-Type", "A multipart form needs a boundary.");
            }

            var form = new MultipartReader(boundary, request.Body) { BodyLengthLimit = options.Value.MaxUploadBytes };
            while (await form.ReadNextSectionAsync(ct) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                {
                    var partName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "file";
                    await foreach (var file in UnpackAsync(partName, section.Body, budget, ct))
                    {
                        yield return file;
                    }
                }
            }
        }
        else
        {
            await foreach (var file in UnpackAsync(name, request.Body, budget, ct))
            {
                yield return file;
            }
        }
    }

    private async IAsyncEnumerable<UploadFile> UnpackAsync(string name, Stream body, UnpackBudget budget, [EnumeratorCancellation] CancellationToken ct)
    {
        var head = new byte[4];
        var read = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var whole = new PrefixedStream(head.AsMemory(0, read), body);
        if (read == 0)
        {
            yield return new UploadFile(name, null, "The file is empty.");
            yield break;
        }

        if (read < 4 || !head.AsSpan().SequenceEqual(ZipMagic))
        {
            yield return new UploadFile(name, whole, null);
            yield break;
        }

        // A zip's directory is at its end: keep it on disk (not in memory) while its entries are read.
        await using var spooled = new FileStream(Path.Combine(Path.GetTempPath(), $"pt-import-{Guid.NewGuid():N}.zip"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await whole.CopyToAsync(spooled, ct);
        spooled.Position = 0;
        var (zip, damaged) = OpenZip(spooled);
        if (zip is null)
        {
            yield return new UploadFile(name, null, $"The zip cannot be read (is it complete?): {damaged}");
            yield break;
        }

        using (zip)
        {
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/') || entry.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal) || entry.Name.StartsWith('.'))
                {
                    continue;
                }

                var entryName = $"{name}/{entry.FullName}";
                if (entry.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                {
                    yield return new UploadFile(entryName, null, "A zip inside a zip is not opened: upload the inner zip itself.");
                    continue;
                }

                var (content, unreadable) = OpenEntry(entry);
                if (content is null)
                {
                    yield return new UploadFile(entryName, null, unreadable);
                    continue;
                }

                // The entry is unpacked once to check it against the zip's checksum before any of its
                // hands is kept: a damaged entry can still unpack, and which of its hands changed cannot be told.
                var (damage, spent) = await CheckEntryAsync(content, entry.Crc32, budget, ct);
                if (damage is not null)
                {
                    yield return new UploadFile(entryName, null, damage);
                    continue;
                }

                // Its size is known now and already counted against the budget, unless the budget ran out
                // while checking: then reading it again stops the import with that reason.
                await using var again = entry.Open();
                yield return new UploadFile(entryName, spent ? new BudgetedStream(again, budget) : again, null);
            }
        }
    }

    private static (ZipArchive? Zip, string? Damaged) OpenZip(Stream spooled)
    {
        try
        {
            return (new ZipArchive(spooled, ZipArchiveMode.Read), null);
        }
        catch (InvalidDataException e)
        {
            return (null, e.Message);
        }
    }

    private const string DamagedEntry = " None of its hands are imported, as any of them may have changed: export the file again from the poker room.";

    /// <summary>Why the entry cannot be trusted (null when it unpacks to the bytes the zip recorded); whether the unpack budget ran out.</summary>
    private static async Task<(string? Damage, bool BudgetSpent)> CheckEntryAsync(Stream content, uint crc32, UnpackBudget budget, CancellationToken ct)
    {
        await using (content)
        {
            var checksum = new CrcCheckedStream(content, crc32);
            try
            {
                await new BudgetedStream(checksum, budget).CopyToAsync(Stream.Null, ct);
            }
            catch (InvalidDataException)
            {
                return ("This file of the zip is damaged: its data cannot be unpacked." + DamagedEntry, false);
            }
            catch (UploadTooLargeException)
            {
                return (null, true);
            }

            return (checksum.Damaged ? "This file of the zip is damaged: its checksum (CRC-32) does not match the zip's record." + DamagedEntry : null, false);
        }
    }

    private static (Stream? Content, string? Unreadable) OpenEntry(ZipArchiveEntry entry)
    {
        try
        {
            return (entry.Open(), null);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            return (null, $"This file of the zip cannot be opened: {e.Message}");
        }
    }
}
