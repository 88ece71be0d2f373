using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PokerTracker.TestSupport;

/// <summary>One Session.Api replica in-process, wired to the test run's engines.</summary>
public sealed class ApiFactory(EnginesFixture engines, (string Key, string Value)[] settings) : WebApplicationFactory<PokerTracker.SessionApi.EntryPoint>
{
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:redis", engines.Redis.ConnectionString);
        builder.UseSetting("ConnectionStrings:kafka", engines.Kafka.BootstrapServers);
        builder.UseSetting("ConnectionStrings:clickhouse", engines.ClickHouse.ConnectionString());
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("RateLimits:AuthPerMinute", "100000");
        builder.UseSetting("RateLimits:WritesPerSecond", "100000");
        builder.UseSetting("RateLimits:WriteBurst", "100000");
        builder.UseSetting("RateLimits:WritesPerAddressPerSecond", "100000");
        builder.UseSetting("RateLimits:ReadsPerSecond", "100000");
        builder.UseSetting("RateLimits:StatisticsPerSecond", "100000");
        builder.UseSetting("RateLimits:RefreshPerMinute", "100000");
        builder.UseSetting("RateLimits:ImportRowsPerDay", "1000000");
        builder.UseSetting("Alerts:ConsumerGroup", "alerts-" + Guid.NewGuid().ToString("N"));
        // Off unless a test turns it on: it re-sends what the analytics store lacks, and most tests
        // run without an analytics worker and count what reaches Kafka.
        builder.UseSetting("Reconciler:Enabled", "false");
        builder.UseSetting("Training:WarmUp", "false"); // solutions are solved as tests need them
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public PlayerClient NewPlayer() => PlayerClient.RegisterAsync(this).GetAwaiter().GetResult();
}
