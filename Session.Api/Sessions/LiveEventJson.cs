using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>
/// What a live stream (SSE) carries for one event: the event itself and the session's totals
/// right after it, so a screen can update without asking again.
/// </summary>
public static class LiveEventJson
{
    public static string Serialize(SessionEventEnvelope e, SessionState after, DateTimeOffset now)
    {
        var payload = e.PayloadCase == SessionEventEnvelope.PayloadOneofCase.None
            ? new JsonObject()
            : ProtoJson.ToJson((IMessage)typeof(SessionEventEnvelope).GetProperty(e.PayloadCase.ToString())!.GetValue(e)!);
        var node = new JsonObject
        {
            ["eventId"] = e.EventId,
            ["sessionId"] = e.SessionId,
            ["sequence"] = e.Sequence,
            ["type"] = e.TypeName(),
            ["occurredAt"] = e.OccurredAt.ToDateTimeOffset(),
            ["recordedAt"] = e.RecordedAt.ToDateTimeOffset(),
            ["payload"] = payload,
            ["status"] = after.Status,
            ["totals"] = JsonSerializer.SerializeToNode(SessionTotals.From(after, now), ApiJson.Options),
        };
        return node.ToJsonString();
    }
}
