using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.Infrastructure;

/// <summary>The JSON shape of every API response (camelCase, nulls omitted).</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>
    /// For what the service stores for itself (documents, command fingerprints): lenient, round-trips
    /// every value. The session commands, fingerprinted on every command sent with an idempotency key
    /// (every one the app sends), are written by generated code.
    /// </summary>
    public static readonly JsonSerializerOptions Storage = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(CommandJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.RespectRequiredConstructorParameters = true;
        options.RespectNullableAnnotations = true;
        // The answers of every command and of the session reads are written from generated metadata
        // (no reflection: about 200 B allocated per session answer, measured on 2026-12-04); every other
        // type as before. The generated metadata is only used with the default encoder (the web host's
        // JSON options come with a relaxed one, which leaves <, > and & unescaped). The generated
        // fast path (no serializer stack at all) is not taken: the offsets' modifier below makes the
        // options incompatible with it, and options without the modifier did not take it either (the same 200 B).
        options.Encoder = null;
        // The requests (read through reflection) take times with their offset only (DateTimeOffsetJson):
        // set on their properties, not among the options' converters, which would bypass the generated code.
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(ApiJsonContext.Default,
            (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(DateTimeOffsetJson.RequireOffsets));
        return options;
    }
}

/// <summary>The session answers, in the same shape as <see cref="ApiJson.Options"/> gives them.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, AllowDuplicateProperties = false,
    RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(SessionView))]
[JsonSerializable(typeof(SessionPage))]
[JsonSerializable(typeof(SessionTotals))]
[JsonSerializable(typeof(IReadOnlyList<StackPoint>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;

/// <summary>The session commands, in the shape <see cref="ApiJson.Storage"/> gives them (their fingerprints).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StartSessionCommand))]
[JsonSerializable(typeof(AddBuyInCommand))]
[JsonSerializable(typeof(UpdateStackCommand))]
[JsonSerializable(typeof(AddNoteCommand))]
[JsonSerializable(typeof(EditNoteCommand))]
[JsonSerializable(typeof(DeleteNoteCommand))]
[JsonSerializable(typeof(DeleteExpenseCommand))]
[JsonSerializable(typeof(AddExpenseCommand))]
[JsonSerializable(typeof(StartBreak))]
[JsonSerializable(typeof(EndBreak))]
[JsonSerializable(typeof(EndSessionCommand))]
[JsonSerializable(typeof(CorrectSessionCommand))]
[JsonSerializable(typeof(DiscardSessionCommand))]
internal sealed partial class CommandJsonContext : JsonSerializerContext;
