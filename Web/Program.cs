using PokerTracker.ServiceDefaults;
using PokerTracker.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTrustedForwardedHeaders();
builder.AddApiProxy();

var app = builder.Build();

app.UseTrustedForwardedHeaders();
app.UseSecurityHeaders();
app.MapDefaultEndpoints();
app.MapReverseProxy();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapFallbackToFile("index.html");

app.Run();

namespace PokerTracker.Web
{
    /// <summary>Marks this service's assembly for the test hosts (WebApplicationFactory).</summary>
    public sealed class EntryPoint;
}
