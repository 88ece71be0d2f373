namespace PokerTracker.SessionApi.Infrastructure;

/// <summary>
/// Time zones as players' devices name them: IANA ids ("Europe/Madrid"), which browsers know too. A
/// Windows name ("Pacific Standard Time") is found by the runtime here, but no browser could show a
/// session on its clock, so it is not one.
/// </summary>
public static class IanaZones
{
    /// <summary>The zone of an IANA id, or null when the text names none.</summary>
    public static TimeZoneInfo? Find(string? id) =>
        id is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId ? zone : null;
}
