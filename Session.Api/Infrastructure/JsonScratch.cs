using System.Buffers;
using System.Text.Json;

namespace PokerTracker.SessionApi.Infrastructure;

/// <summary>
/// A buffer and a JSON writer over it, kept per thread by the code that writes JSON on every command
/// (the live feed's event, the request's fingerprint): only what is taken from the buffer is allocated.
/// Each user keeps its own <c>[ThreadStatic]</c> slot, so one cannot write over another's bytes.
/// </summary>
internal sealed class JsonScratch(int size)
{
    public ArrayBufferWriter<byte> Buffer { get; } = new(size);

    public Utf8JsonWriter Writer { get; } = new(Stream.Null);

    /// <summary>The slot's scratch, emptied, its writer reset onto its buffer (made on the thread's first use).</summary>
    public static JsonScratch Start(ref JsonScratch? slot, int size)
    {
        slot ??= new JsonScratch(size);
        slot.Buffer.ResetWrittenCount();
        slot.Writer.Reset(slot.Buffer);
        return slot;
    }
}
