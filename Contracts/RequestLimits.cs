namespace PokerTracker.Contracts;

/// <summary>
/// How large a request body may be, per path: the API enforces them, and the web app's proxy
/// enforces the same before forwarding, so a body that is too large gets the same 413 either way
/// (an upstream that answers before it has read the body leaves a proxy with only a 502).
/// </summary>
public static class RequestLimits
{
    /// <summary>Any request not listed below.</summary>
    public const long DefaultBodyBytes = 256 * 1024;

    public const string CsvImportPath = "/api/sessions/import";
    public const long CsvImportBytes = 5 * 1024 * 1024;

    public const string HandImportPath = "/api/hands/import";

    /// <summary>The default for hand-history uploads; the setting <see cref="HandUploadSetting"/> changes it.</summary>
    public const long HandUploadBytes = 50L * 1024 * 1024;

    public const string HandUploadSetting = "Hands:MaxUploadBytes";

    public static IReadOnlyDictionary<string, long> PerPath(long handUploadBytes) => new Dictionary<string, long>
    {
        [CsvImportPath] = CsvImportBytes,
        [HandImportPath] = handUploadBytes,
    };
}
