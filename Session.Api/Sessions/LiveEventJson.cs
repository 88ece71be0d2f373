using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>
/// What a live stream (SSE) carries for one event: the event itself and the session's totals
/// right after it, so a screen can update without asking again. UTF-8 JSON, written once per event
/// on the command path (the live store keeps and publishes these bytes as they are).
/// </summary>
public static class LiveEventJson
{
    private static readonly OneofAccessor Payload = SessionEventEnvelope.Descriptor.Oneofs[0].Accessor;

    // One buffer and writer per thread, reused: only the finished JSON is allocated.
    [ThreadStatic]
    private static JsonScratch? t_scratch;

    /// <param name="totals">The session's totals right after the event (<see cref="SessionTotals.From"/> of <paramref name="after"/>).</param>
    public static byte[] Serialize(SessionEventEnvelope e, SessionState after, SessionTotals totals)
    {
        var scratch = JsonScratch.Start(ref t_scratch, 1024);
        var (buffer, writer) = (scratch.Buffer, scratch.Writer);
        writer.WriteStartObject();
        writer.WriteString("eventId", e.EventId);
        writer.WriteString("sessionId", e.SessionId);
        writer.WriteNumber("sequence", e.Sequence);
        writer.WriteString("type", e.TypeName());
        writer.WriteString("occurredAt", e.OccurredAt.ToDateTimeOffset());
        writer.WriteString("recordedAt", e.RecordedAt.ToDateTimeOffset());
        writer.WritePropertyName("payload");
        if (Payload.GetCaseFieldDescriptor(e) is { } field)
        {
            ProtoJson.Write(writer, (IMessage)field.Accessor.GetValue(e));
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        writer.WriteString("status", after.Status);
        writer.WritePropertyName("totals");
        JsonSerializer.Serialize(writer, totals, ApiJson.Options);
        writer.WriteEndObject();
        writer.Flush();

        return buffer.WrittenSpan.ToArray();
    }
}
