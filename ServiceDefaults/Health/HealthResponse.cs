using System.Text.Json.Serialization;

namespace PokerTracker.ServiceDefaults.Health;

public sealed record HealthResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("dependencies")] IReadOnlyDictionary<string, string> Dependencies,
    [property: JsonPropertyName("version")] string Version);

[JsonSerializable(typeof(HealthResponse))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;

/// <summary>The words a dependency can be reported with in <c>/health</c>.</summary>
public static class DependencyStates
{
    public const string Connected = "connected";
    public const string Disconnected = "disconnected";
    public const string Degraded = "degraded";
    public const string Loaded = "loaded";
    public const string Missing = "missing";
    public const string Lagging = "lagging";
    public const string CaughtUp = "caught-up";
    public const string WarmingUp = "warming-up";
    public const string Ready = "ready";

    private static readonly HashSet<string> Known = [Connected, Disconnected, Degraded, Loaded, Missing, Lagging, CaughtUp, WarmingUp, Ready];

    public static bool IsKnown(string word) => Known.Contains(word);
}
