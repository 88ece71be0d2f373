using System.Net;
using System.Runtime.InteropServices;
using PokerTracker.Contracts;
using PokerTracker.Tools.KafkaHost;

// A Kafka-protocol broker for machines without a container engine: librdkafka's mock cluster,
// reachable on a fixed port (--port, 0 = any free one) and advertising that port in metadata.
//   dotnet tools/KafkaHost/bin/Debug/net10.0/KafkaHost.dll --port 9092
var port = 0;
var partitions = Topics.Partitions;
var topics = Topics.All.ToList();
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--port": port = int.Parse(args[++i]); break;
        case "--partitions": partitions = int.Parse(args[++i]); break;
        case "--topics": topics = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(); break;
    }
}

Native.UseBundledLibrary();
using var cluster = new MockCluster();
var real = IPEndPoint.Parse(cluster.Bootstraps.Split(',')[0]);
await using var forwarder = new TcpForwarder(new IPEndPoint(IPAddress.Loopback, port), real);
forwarder.Start();
cluster.Advertise("127.0.0.1", forwarder.Port);
cluster.SetInitialRebalanceDelay(TimeSpan.FromMilliseconds(300));
foreach (var topic in topics)
{
    cluster.CreateTopic(topic, partitions);
}

Console.WriteLine($"Kafka mock broker ready: topics {string.Join(", ", topics)} ({partitions} partitions each)");
Console.WriteLine($"BOOTSTRAP=127.0.0.1:{forwarder.Port}");

// SIGUSR1 makes the broker hang (connections open, nothing answered), SIGUSR2 brings it back.
using var onFreeze = PosixSignalRegistration.Create((PosixSignal)10, ctx => { ctx.Cancel = true; forwarder.Freeze(); });
using var onThaw = PosixSignalRegistration.Create((PosixSignal)12, ctx => { ctx.Cancel = true; forwarder.Thaw(); });

var stopped = new TaskCompletionSource();
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stopped.TrySetResult(); });
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; stopped.TrySetResult(); });
await stopped.Task;

// A graceful stop of everything at once: the services flush their producers and commit their
// offsets as they close, so the broker stays until their connections are gone (a few seconds at most).
var drainUntil = DateTime.UtcNow.AddSeconds(8);
while (forwarder.OpenConnections > 0 && DateTime.UtcNow < drainUntil)
{
    await Task.Delay(100);
}

Console.WriteLine($"Kafka mock broker stopping ({forwarder.OpenConnections} client connection(s) still open)");
