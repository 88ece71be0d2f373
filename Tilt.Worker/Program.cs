using PokerTracker.Tilt.Extensions;

// session-events → tilt assessments and alerts. A web host only for its probes: /alive and /health.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();

namespace PokerTracker.Tilt
{
    /// <summary>Marks this service's assembly for the test hosts (WebApplicationFactory).</summary>
    public sealed class EntryPoint;
}
