using System.Text.Json;
using System.Text.Json.Serialization;

namespace PokerTracker.SharedKernel.Sessions;

/// <summary>
/// The one JSON shape of a session's state, wherever a document of it is kept: the live store's
/// session hash, the analytics store's <c>doc</c> column, and the guards players set.
/// </summary>
/// <remarks>
/// A document holds what the events made, not what follows from it: no derived figure (net result,
/// current stack, ...) and no empty value, so it is written, stored and sent on each command at
/// about half the size. Documents written with them still read.
/// </remarks>
public static class SessionStateJson
{
    public static string Serialize(SessionState state) => JsonSerializer.Serialize(state, SessionDocumentJson.Default.SessionState);

    public static byte[] SerializeToUtf8Bytes(SessionState state) => JsonSerializer.SerializeToUtf8Bytes(state, SessionDocumentJson.Default.SessionState);

    public static SessionState Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, SessionDocumentJson.Default.SessionState) ?? throw new JsonException("A session document is empty.");

    public static SessionState Deserialize(string json) =>
        JsonSerializer.Deserialize(json, SessionDocumentJson.Default.SessionState) ?? throw new JsonException("A session document is empty.");

    /// <summary>The same options, for the other shared documents (guards, baselines).</summary>
    public static JsonSerializerOptions Options => SharedJson.Default.Options;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SessionState))]
[JsonSerializable(typeof(Tilt.SessionGuards))]
[JsonSerializable(typeof(Tilt.PlayerBaseline))]
[JsonSerializable(typeof(Tilt.TiltSession))]
internal sealed partial class SharedJson : JsonSerializerContext;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, IgnoreReadOnlyProperties = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SessionState))]
internal sealed partial class SessionDocumentJson : JsonSerializerContext;
