using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PokerTracker.TestSupport;

namespace PokerTracker.Tilt.Tests;

/// <summary>A Tilt.Worker in-process, in its own consumer group; optionally with another model path.</summary>
public sealed class TiltWorkerFactory(EnginesFixture engines, string? modelPath = null, params (string Key, string Value)[] settings) : WebApplicationFactory<PokerTracker.Tilt.EntryPoint>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:redis", engines.Redis.ConnectionString);
        builder.UseSetting("ConnectionStrings:kafka", engines.Kafka.BootstrapServers);
        builder.UseSetting("Tilt:ConsumerGroup", "tilt-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("Tilt:GuardSweepInterval", "00:00:01");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (modelPath is not null)
        {
            builder.UseSetting("Tilt:ModelPath", modelPath);
        }
    }

    public TiltWorkerFactory Start()
    {
        _ = Services;
        return this;
    }
}
