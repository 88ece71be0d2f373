namespace PokerTracker.Tools.KafkaHost;

/// <summary>A one-broker librdkafka mock cluster: the real Kafka wire protocol, held in memory.</summary>
internal sealed class MockCluster : IDisposable
{
    private const int ProducerType = 0;
    private const int BrokerId = 1;
    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;

    public MockCluster()
    {
        var errstr = new byte[512];
        var conf = Native.rd_kafka_conf_new();
        // The handle only owns the mock cluster; keep its own logging quiet.
        Native.rd_kafka_conf_set(conf, "log_level", "3", errstr, (nuint)errstr.Length);
        _handle = Native.rd_kafka_new(ProducerType, conf, errstr, (nuint)errstr.Length);
        if (_handle == IntPtr.Zero)
        {
            throw new InvalidOperationException("rd_kafka_new failed: " + Native.ErrorText(errstr));
        }

        _cluster = Native.rd_kafka_mock_cluster_new(_handle, 1);
        if (_cluster == IntPtr.Zero)
        {
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed");
        }
    }

    /// <summary>Where the broker really listens (random loopback port chosen by librdkafka).</summary>
    public string Bootstraps =>
        System.Runtime.InteropServices.Marshal.PtrToStringUTF8(Native.rd_kafka_mock_cluster_bootstraps(_cluster))
        ?? throw new InvalidOperationException("mock cluster has no bootstrap address");

    public void CreateTopic(string topic, int partitions)
    {
        var err = Native.rd_kafka_mock_topic_create(_cluster, topic, partitions, 1);
        if (err != 0)
        {
            throw new InvalidOperationException($"creating topic {topic} failed with error {err}");
        }
    }

    /// <summary>Changes the address the broker advertises in metadata (not where it listens).</summary>
    public void Advertise(string host, int port)
    {
        var err = Native.rd_kafka_mock_broker_set_host_port(_cluster, BrokerId, host, port);
        if (err != 0)
        {
            throw new InvalidOperationException($"advertising {host}:{port} failed with error {err}");
        }
    }

    public void SetInitialRebalanceDelay(TimeSpan delay) =>
        Native.rd_kafka_mock_group_initial_rebalance_delay_ms(_cluster, (int)delay.TotalMilliseconds);

    public void Dispose()
    {
        Native.rd_kafka_mock_cluster_destroy(_cluster);
        Native.rd_kafka_destroy(_handle);
    }
}
