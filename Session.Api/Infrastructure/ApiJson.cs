using System.Text.Json;
using System.Text.Json.Serialization;

namespace PokerTracker.SessionApi.Infrastructure;

/// <summary>The JSON shape of every API response (camelCase, nulls omitted).</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>For what the service stores for itself (idempotency records): lenient, round-trips every value.</summary>
    public static readonly JsonSerializerOptions Storage = new(JsonSerializerDefaults.Web);

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.RespectRequiredConstructorParameters = true;
        options.RespectNullableAnnotations = true;
        return options;
    }
}
