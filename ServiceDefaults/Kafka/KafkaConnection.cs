using Confluent.Kafka;

namespace PokerTracker.ServiceDefaults.Kafka;

/// <summary>Where the broker is, and the client settings every service uses with it.</summary>
public sealed class KafkaConnection(string bootstrapServers, string clientId)
{
    public string BootstrapServers { get; } = bootstrapServers;

    /// <summary>Idempotent producer, acks from all in-sync replicas: no loss, no duplicates from retries.</summary>
    public ProducerConfig ProducerConfig() => new()
    {
        BootstrapServers = BootstrapServers,
        ClientId = clientId,
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = 2,
        MessageTimeoutMs = 30_000,
        SocketKeepaliveEnable = true,
    };

    /// <summary>Consumer in a group; offsets are committed by the caller after its work is stored.</summary>
    public ConsumerConfig ConsumerConfig(string groupId) => new()
    {
        BootstrapServers = BootstrapServers,
        ClientId = clientId,
        GroupId = groupId,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        SessionTimeoutMs = 10_000,
        HeartbeatIntervalMs = 1_000,
        SocketKeepaliveEnable = true,
    };

    public AdminClientConfig AdminConfig() => new()
    {
        BootstrapServers = BootstrapServers,
        ClientId = clientId + "-admin",
    };
}
