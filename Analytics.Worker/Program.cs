using PokerTracker.Analytics.Extensions;

// session-events → ClickHouse. A web host only for its probes: /alive and /health.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();

namespace PokerTracker.Analytics
{
    /// <summary>Marks this service's assembly for the test hosts (WebApplicationFactory).</summary>
    public sealed class EntryPoint;
}
