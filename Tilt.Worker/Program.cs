using PokerTracker.ServiceDefaults.Kafka;
using PokerTracker.ServiceDefaults.Redis;

// A web host only for its probes: /alive and /health.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedis();
builder.AddKafka();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
