using System.Diagnostics;

namespace PokerTracker.TestSupport;

/// <summary>The local Kafka-protocol broker (tools/KafkaHost) on a free loopback port.</summary>
public sealed class KafkaBroker : IAsyncDisposable
{
    private readonly LocalProcess _process;

    private KafkaBroker(LocalProcess process) => _process = process;

    public string BootstrapServers => _process.ReadyValue;

    public LocalProcess Process => _process;

    /// <summary>The port clients use (the broker advertises it, whatever its real one is).</summary>
    public int Port => int.Parse(BootstrapServers[(BootstrapServers.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    public static Task<KafkaBroker> StartAsync(params string[] extraArgs) => StartAsync(0, extraArgs);

    /// <summary>A new broker on <paramref name="port"/> (0: any free one). Each start is an empty cluster.</summary>
    public static async Task<KafkaBroker> StartAsync(int port, params string[] extraArgs)
    {
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { RepoPaths.ToolAssembly("KafkaHost"), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        foreach (var arg in extraArgs)
        {
            start.ArgumentList.Add(arg);
        }

        return new KafkaBroker(await LocalProcess.StartAsync(start, "BOOTSTRAP=", TimeSpan.FromSeconds(30)));
    }

    /// <summary>The broker hangs: its clients' connections stay open, nothing is answered (SIGUSR1).</summary>
    public void Freeze() => _process.Signal(10);

    /// <summary>The hung broker answers again, with everything it held (SIGUSR2).</summary>
    public void Thaw() => _process.Signal(12);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
