using System.Text;

namespace PokerTracker.Tools.ClickHouseHost.Http;

/// <summary>What a request asks for, read from its URL parameters and headers.</summary>
internal sealed record ClickHouseRequest(
    string? UrlQuery,
    string? Database,
    string QueryId,
    string DefaultFormat,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    IReadOnlyList<KeyValuePair<string, string>> Settings,
    bool CompressResponse,
    string? User,
    string? Password)
{
    /// <summary>URL parameters of the protocol itself, not engine settings.</summary>
    private static readonly HashSet<string> ProtocolParameters =
    [
        "query", "database", "default_format", "query_id", "user", "password", "quota_key", "session_id",
        "session_timeout", "session_check", "compress", "decompress", "buffer_size", "wait_end_of_query", "stacktrace",
        "role", "client_protocol_version", "enable_http_compression", "http_native_compression_disable_checksumming_on_decompress",
    ];

    /// <param name="defaultSettings">Every engine setting with its default value; a URL setting equal to its default is not applied.</param>
    public static (ClickHouseRequest? Request, ClickHouseError? Error) Parse(HttpRequest http, IReadOnlyDictionary<string, string> defaultSettings)
    {
        var query = http.Query;
        var parameters = new List<KeyValuePair<string, string>>();
        var settings = new List<KeyValuePair<string, string>>();
        foreach (var (key, values) in query)
        {
            var value = values.ToString();
            if (key.StartsWith("param_", StringComparison.Ordinal))
            {
                parameters.Add(KeyValuePair.Create(key["param_".Length..], value));
            }
            else if (key is "compress" or "decompress" && value == "1")
            {
                return (null, ClickHouseError.Of(ClickHouseError.NotImplemented, "NOT_IMPLEMENTED",
                    "ClickHouse native block compression is not supported by this endpoint; use HTTP compression (Content-Encoding)"));
            }
            else if (!ProtocolParameters.Contains(key))
            {
                if (!defaultSettings.TryGetValue(key, out var defaultValue))
                {
                    return (null, ClickHouseError.Of(ClickHouseError.UnknownSetting, "UNKNOWN_SETTING", $"Unknown setting '{key}'"));
                }

                if (value != defaultValue)
                {
                    settings.Add(KeyValuePair.Create(key, value));
                }
            }
        }

        var (user, password) = Credentials(http);
        var request = new ClickHouseRequest(
            query["query"].FirstOrDefault(),
            NonEmpty(query["database"].FirstOrDefault()) ?? NonEmpty(http.Headers["X-ClickHouse-Database"].FirstOrDefault()),
            NonEmpty(query["query_id"].FirstOrDefault()) ?? NonEmpty(http.Headers["X-ClickHouse-Query-Id"].FirstOrDefault()) ?? Guid.NewGuid().ToString(),
            NonEmpty(query["default_format"].FirstOrDefault()) ?? NonEmpty(http.Headers["X-ClickHouse-Format"].FirstOrDefault()) ?? "TabSeparated",
            parameters,
            settings,
            query["enable_http_compression"].FirstOrDefault() is "1" or "true",
            user,
            password);
        return (request, null);
    }

    private static (string? User, string? Password) Credentials(HttpRequest http)
    {
        var authorization = http.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':');
                return colon < 0 ? (decoded, "") : (decoded[..colon], decoded[(colon + 1)..]);
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        if (NonEmpty(http.Headers["X-ClickHouse-User"].FirstOrDefault()) is { } headerUser)
        {
            return (headerUser, http.Headers["X-ClickHouse-Key"].FirstOrDefault() ?? "");
        }

        return (NonEmpty(http.Query["user"].FirstOrDefault()), http.Query["password"].FirstOrDefault());
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
