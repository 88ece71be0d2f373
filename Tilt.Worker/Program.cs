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
    /// <summary>Marks this assembly for test hosts.</summary>
    public sealed class WorkerEntryPoint;
}
