using PokerTracker.ServiceDefaults.ClickHouse;
using PokerTracker.ServiceDefaults.Kafka;
using PokerTracker.ServiceDefaults.Redis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedis();
builder.AddKafka();
builder.AddClickHouse();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
