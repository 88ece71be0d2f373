using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PokerTracker.SessionApi.Infrastructure;

/// <summary>
/// What a request sent with an Idempotency-Key asked for, so that the key coming back with another
/// request is caught (422) rather than answered as the first: SHA-256 of "operation|target|body
/// JSON", the body written with the storage options (generated code where the context has it).
/// </summary>
public static class RequestFingerprint
{
    // One buffer and writer per thread, reused: a fingerprint allocates its hex string only (every
    // command the app sends carries a key, so this runs for each of them).
    [ThreadStatic]
    private static JsonScratch? t_scratch;

    public static string Of(string operation, Guid target, object body)
    {
        var scratch = JsonScratch.Start(ref t_scratch, 512);
        var (buffer, writer) = (scratch.Buffer, scratch.Writer);
        var prefix = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(operation.Length) + 38);
        var length = Encoding.UTF8.GetBytes(operation, prefix);
        prefix[length++] = (byte)'|';
        target.TryFormat(prefix[length..], out var guid, "D");
        length += guid;
        prefix[length++] = (byte)'|';
        buffer.Advance(length); // the writer appends the body after it
        JsonSerializer.Serialize(writer, body, body.GetType(), ApiJson.Storage);
        writer.Flush();
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, digest);
        // A large body would otherwise stay held by this thread's buffer.
        if (buffer.Capacity > 64 * 1024)
        {
            t_scratch = null;
        }

        return Convert.ToHexString(digest);
    }
}
