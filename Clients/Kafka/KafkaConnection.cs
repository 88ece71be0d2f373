using Confluent.Kafka;

namespace PokerTracker.Clients.Kafka;

/// <summary>SASL/PLAIN credentials for a broker that requires them (the published one).</summary>
public sealed record KafkaCredentials(string Username, string Password);

/// <summary>Where the broker is, and the client settings every service uses with it.</summary>
public sealed class KafkaConnection(string bootstrapServers, string clientId, KafkaCredentials? credentials = null)
{
    public string BootstrapServers { get; } = bootstrapServers;

    private T Secured<T>(T config) where T : ClientConfig
    {
        if (credentials is { } c)
        {
            config.SecurityProtocol = SecurityProtocol.SaslPlaintext;
            config.SaslMechanism = SaslMechanism.Plain;
            config.SaslUsername = c.Username;
            config.SaslPassword = c.Password;
        }

        return config;
    }

    /// <summary>
    /// Idempotent producer, acks from all in-sync replicas: no loss, no duplicates from retries. A
    /// delivery report carries no headers: no caller reads them, and copying them back from the native
    /// client cost an array per header of every message sent.
    /// </summary>
    public ProducerConfig ProducerConfig() => Secured(new ProducerConfig
    {
        BootstrapServers = BootstrapServers,
        ClientId = clientId,
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = 2,
        MessageTimeoutMs = 30_000,
        SocketKeepaliveEnable = true,
        DeliveryReportFields = "key,value,timestamp,status",
    });

    /// <summary>Consumer in a group; offsets are committed by the caller after its work is stored.</summary>
    public ConsumerConfig ConsumerConfig(string groupId) => Secured(new ConsumerConfig
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
    });

    public AdminClientConfig AdminConfig() => Secured(new AdminClientConfig
    {
        BootstrapServers = BootstrapServers,
        ClientId = clientId + "-admin",
    });
}
