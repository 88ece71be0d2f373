using PokerTracker.ServiceDefaults.ClickHouse;
using PokerTracker.ServiceDefaults.Kafka;

// A web host only for its probes: /alive and /health.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKafka();
builder.AddClickHouse();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
