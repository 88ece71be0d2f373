using PokerTracker.Contracts;
using PokerTracker.ServiceDefaults;
using PokerTracker.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTrustedForwardedHeaders();
builder.AddApiProxy();

var app = builder.Build();

app.UseTrustedForwardedHeaders();
app.UseSecurityHeaders();
// The API's own body limits, applied before forwarding: too large is a 413 that says so, not a 502.
app.UseBodySizeLimit(RequestLimits.DefaultBodyBytes,
    RequestLimits.PerPath(app.Configuration.GetValue<long?>(RequestLimits.HandUploadSetting) ?? RequestLimits.HandUploadBytes));
app.MapDefaultEndpoints();
app.MapApiProxy();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapFallbackToFile("index.html");

app.Run();

namespace PokerTracker.Web
{
    /// <summary>Marks this service's assembly for the test hosts (WebApplicationFactory).</summary>
    public sealed class EntryPoint;
}
