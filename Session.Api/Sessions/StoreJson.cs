using System.Text.Json;
using System.Text.Json.Serialization;
using PokerTracker.Contracts.Sessions;

namespace PokerTracker.SessionApi.Sessions;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SessionState))]
internal sealed partial class StoreJson : JsonSerializerContext;
