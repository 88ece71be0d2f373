using PokerTracker.AppHost;
using PokerTracker.AppHost.Engines;
using PokerTracker.Contracts;

var builder = DistributedApplication.CreateBuilder(args);

var engines = builder.AddEngines();

// Shared by every session-api replica: access tokens signed by one are accepted by all.
var signingKey = builder.AddParameter("auth-signing-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);

var sessionApi = builder.AddProject<Projects.Session_Api>(ResourceNames.SessionApi)
    .WithAdministrators(builder)
    .WithEngine(engines.Redis)
    .WithKafka(engines)
    .WithEngine(engines.ClickHouse)
    .WithEnvironment("ConnectionStrings__clickhouse", engines.ClickHouseReader) // reads only
    .WithEnvironment("Auth__SigningKey", signingKey)
    .WithTrustedProxies(builder)
    .WithHealthProbes()
    .WithFewMallocArenas()
    .WithJsonLogsWhenPublished(builder);

var analyticsWorker = builder.AddProject<Projects.Analytics_Worker>(ResourceNames.AnalyticsWorker)
    .WithEngine(engines.Redis)
    .WithKafka(engines)
    .WithEngine(engines.ClickHouse)
    .WithTrustedProxies(builder) // it serves its health alone; still, no header is believed from anyone
    .WithHealthProbes()
    .WithFewMallocArenas()
    .WithJsonLogsWhenPublished(builder);

builder.AddProject<Projects.Tilt_Worker>(ResourceNames.TiltWorker)
    .WithEngine(engines.Redis)
    .WithKafka(engines)
    .WithTrustedProxies(builder)
    .WithHealthProbes()
    .WithFewMallocArenas()
    .WithJsonLogsWhenPublished(builder);

if (engines.Mode == EngineMode.Containers)
{
    // A real ClickHouse has users: the worker, which owns the schema, creates the read-only one.
    analyticsWorker
        .WithEnvironment("Analytics__ReaderUser", EngineExtensions.ClickHouseReaderUser)
        .WithEnvironment("Analytics__ReaderPassword", engines.ClickHouseReaderPassword);
}

var web = builder.AddProject<Projects.Web>(ResourceNames.Web)
    .WithReference(sessionApi)
    .WaitFor(sessionApi)
    .WithExternalHttpEndpoints()
    // Players reach the web host directly (no orchestrator proxy in between), so it sees each
    // client's own address and rate limits tell one player from another.
    .WithEndpoint("http", endpoint =>
    {
        endpoint.IsProxied = false;
        // A system started by the tests takes a port of its own (Web:Port), beside one that ./run.sh runs.
        if (int.TryParse(builder.Configuration["Web:Port"], out var port))
        {
            endpoint.Port = port;
            endpoint.TargetPort = port;
        }
    })
    .WithTrustedProxies(builder)
    .WithHealthProbes()
    .WithFewMallocArenas()
    .WithJsonLogsWhenPublished(builder);

builder.AnnounceWhenReady(web);

builder.Build().Run();
