
namespace PokerTracker.TestSupport;

/// <summary>The real engines for the functional tests: Redis, the Kafka-protocol broker, ClickHouse.</summary>
public sealed class EnginesFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;
    public KafkaBroker Kafka { get; private set; } = null!;
    public ClickHouseServer ClickHouse { get; private set; } = null!;

    private ApiFactory? _sharedApi;

    /// <summary>
    /// One Session.Api replica with the default settings for the tests that need nothing of a replica
    /// but its answers (each works as its own new player): started once, not once per test.
    /// </summary>
    public ApiFactory SharedApi => _sharedApi ??= CreateApi();

    /// <summary>
    /// A replica that is the only one running on these stores (the shared one is stopped first, and
    /// started again when next asked for): for the tests that must own every outbox relay.
    /// </summary>
    public ApiFactory CreateSoleApi()
    {
        _sharedApi?.Dispose();
        _sharedApi = null;
        return CreateApi();
    }

    /// <summary>An analytics worker in a consumer group of its own, started.</summary>
    public AnalyticsWorkerFactory StartWorker() => new AnalyticsWorkerFactory(this, "worker-" + Guid.NewGuid().ToString("N")).Start();

    public async Task InitializeAsync()
    {
        var redis = RedisServer.StartAsync();
        var kafka = KafkaBroker.StartAsync();
        var clickhouse = ClickHouseServer.StartAsync();
        try
        {
            await Task.WhenAll(redis, kafka, clickhouse);
        }
        finally
        {
            Redis = redis.IsCompletedSuccessfully ? redis.Result : null!;
            Kafka = kafka.IsCompletedSuccessfully ? kafka.Result : null!;
            ClickHouse = clickhouse.IsCompletedSuccessfully ? clickhouse.Result : null!;
        }
    }

    /// <summary>
    /// Stops every engine that started (when one could not, the others are not left running) and
    /// removes their data, which a restart (<see cref="RestartRedisAsync"/>) hands to its new process.
    /// </summary>
    public async Task DisposeAsync()
    {
        if (_sharedApi is not null) await _sharedApi.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        if (Kafka is not null) await Kafka.DisposeAsync();
        if (ClickHouse is not null) await ClickHouse.DisposeAsync();
        TempFolder.Delete(Redis?.DataDirectory);
        TempFolder.Delete(ClickHouse?.DataDirectory);
    }

    /// <summary>Stops Redis (SIGTERM, as a restart does) and starts it again on the same port with the same data.</summary>
    public async Task RestartRedisAsync(TimeSpan downFor)
    {
        var (port, data, password) = (Redis.Port, Redis.DataDirectory, Redis.Password);
        await Redis.StopAsync();
        await Task.Delay(downFor);
        Redis = await RedisServer.StartAsync(data, port, password);
    }

    /// <summary>
    /// Kills the broker (SIGKILL) and starts an empty one on the same address: everything the old
    /// one held — acknowledged messages, committed offsets — is gone, as after a crash of the local broker.
    /// </summary>
    public async Task ReplaceKafkaWithAnEmptyOneAsync()
    {
        await StopKafkaAsync();
        await StartKafkaAsync();
    }

    /// <summary>Kills the broker (SIGKILL); <see cref="StartKafkaAsync"/> starts an empty one on the same address.</summary>
    public async Task StopKafkaAsync() => await Kafka.Process.KillAsync();

    public async Task StartKafkaAsync()
    {
        var port = Kafka.Port;
        await Kafka.DisposeAsync();
        Kafka = await KafkaBroker.StartAsync(port);
    }

    /// <summary>Stops the ClickHouse endpoint; <see cref="StartClickHouseAsync"/> brings it back on the same port and data.</summary>
    public async Task StopClickHouseAsync() => await ClickHouse.Process.StopAsync(TimeSpan.FromSeconds(30));

    public async Task StartClickHouseAsync() => ClickHouse = await ClickHouseServer.StartWithPasswordAsync(ClickHouse.DataDirectory, ClickHouse.Port, ClickHouse.Password);

    /// <summary>A Session.Api replica against these engines; extra settings override the defaults.</summary>
    public ApiFactory CreateApi(params (string Key, string Value)[] settings) => new(this, settings);
}

/// <summary>The name of the collection that shares one <see cref="EnginesFixture"/>; each test assembly declares it (xunit finds collections only in the tests' own assembly).</summary>
public static class Engines
{
    public const string Collection = "engines";
}
