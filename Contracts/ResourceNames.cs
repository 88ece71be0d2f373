namespace PokerTracker.Contracts;

/// <summary>
/// Names of the distributed application's resources. The app host declares them, the services
/// use them as connection-string and service-discovery names, and the tests look them up.
/// </summary>
public static class ResourceNames
{
    public const string Redis = "redis";
    public const string Kafka = "kafka";
    public const string ClickHouse = "clickhouse";
    public const string SessionApi = "session-api";
    public const string AnalyticsWorker = "analytics-worker";
    public const string TiltWorker = "tilt-worker";
    public const string Web = "web";
}
