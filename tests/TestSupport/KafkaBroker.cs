using System.Diagnostics;

namespace PokerTracker.TestSupport;

/// <summary>The local Kafka-protocol broker (tools/KafkaHost) on a free loopback port.</summary>
public sealed class KafkaBroker : IAsyncDisposable
{
    private readonly LocalProcess _process;

    private KafkaBroker(LocalProcess process) => _process = process;

    public string BootstrapServers => _process.ReadyValue;

    public LocalProcess Process => _process;

    public static async Task<KafkaBroker> StartAsync(params string[] extraArgs)
    {
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { RepoPaths.ToolAssembly("KafkaHost"), "--port", "0" } };
        foreach (var arg in extraArgs)
        {
            start.ArgumentList.Add(arg);
        }

        return new KafkaBroker(await LocalProcess.StartAsync(start, "BOOTSTRAP=", TimeSpan.FromSeconds(30)));
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
