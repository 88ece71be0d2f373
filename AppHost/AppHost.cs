using PokerTracker.AppHost;
using PokerTracker.AppHost.Engines;
using PokerTracker.Contracts;

var builder = DistributedApplication.CreateBuilder(args);

var engines = builder.AddEngines();

var sessionApi = builder.AddProject<Projects.Session_Api>(ResourceNames.SessionApi)
    .WithEngine(engines.Redis)
    .WithEngine(engines.Kafka)
    .WithEngine(engines.ClickHouse)
    .WithHttpHealthCheck(HealthPaths.Health);

builder.AddProject<Projects.Analytics_Worker>(ResourceNames.AnalyticsWorker)
    .WithEngine(engines.Kafka)
    .WithEngine(engines.ClickHouse)
    .WithHttpHealthCheck(HealthPaths.Health);

builder.AddProject<Projects.Tilt_Worker>(ResourceNames.TiltWorker)
    .WithEngine(engines.Redis)
    .WithEngine(engines.Kafka)
    .WithHttpHealthCheck(HealthPaths.Health);

var web = builder.AddProject<Projects.Web>(ResourceNames.Web)
    .WithReference(sessionApi)
    .WaitFor(sessionApi)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck(HealthPaths.Health);

builder.AnnounceWhenReady(web);

builder.Build().Run();
