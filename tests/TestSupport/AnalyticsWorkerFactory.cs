using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PokerTracker.TestSupport;

/// <summary>An Analytics.Worker instance in-process, in its own consumer group unless told otherwise.</summary>
public sealed class AnalyticsWorkerFactory(EnginesFixture engines, string group) : WebApplicationFactory<PokerTracker.Analytics.EntryPoint>
{
    public string Group { get; } = group;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:redis", engines.Redis.ConnectionString);
        builder.UseSetting("ConnectionStrings:kafka", engines.Kafka.BootstrapServers);
        builder.UseSetting("ConnectionStrings:clickhouse", engines.ClickHouse.ConnectionString());
        builder.UseSetting("Analytics:ConsumerGroup", Group);
        builder.UseSetting("Analytics:FlushInterval", "00:00:00.100");
    }

    /// <summary>Starts the host (the consumer runs in the background).</summary>
    public AnalyticsWorkerFactory Start()
    {
        _ = Services;
        return this;
    }
}
