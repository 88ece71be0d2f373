using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PokerTracker.Tools.ClickHouseHost;
using PokerTracker.Tools.ClickHouseHost.Chdb;
using PokerTracker.Tools.ClickHouseHost.Http;

// ClickHouse's HTTP interface over the embedded engine (chDB), for machines without a container
// engine. ClickHouse clients (ClickHouse.Driver, curl) use it as they would a server:
//   dotnet tools/ClickHouseHost/bin/Debug/net10.0/ClickHouseHost.dll --port 8123 --path .data/clickhouse
//   curl 'http://127.0.0.1:8123/?query=SELECT%20version()'
var builder = WebApplication.CreateSlimBuilder(args);
var settings = HostSettings.From(builder.Configuration);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(IPAddress.Loopback, settings.Port);
    kestrel.Limits.MaxRequestBodySize = null; // bulk inserts are as large as the client sends
    // Query parameters travel in the URL (a list of 500 session ids is about 19 KB): as ClickHouse's
    // http_max_uri_size, up to 1 MiB, where Kestrel's own limit would answer 414 past 8 KB.
    kestrel.Limits.MaxRequestLineSize = 1024 * 1024;
    kestrel.Limits.MaxRequestHeadersTotalSize = 1024 * 1024 + 32 * 1024;
    kestrel.Limits.MaxRequestBufferSize = 2 * 1024 * 1024; // must hold the request line and headers
});
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton<ChdbEngine>();
builder.Services.AddSingleton<QueryEndpoint>();
builder.Services.AddSingleton<DrainOnStop>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<DrainOnStop>());

var app = builder.Build();
var engine = app.Services.GetRequiredService<ChdbEngine>(); // boot the engine before accepting requests
var endpoint = app.Services.GetRequiredService<QueryEndpoint>();

var drain = app.Services.GetRequiredService<DrainOnStop>();
app.Use(drain.TrackAsync);
app.MapGet("/ping", () => Results.Text("Ok.\n"));
app.MapGet("/", endpoint.HandleAsync);
app.MapPost("/", endpoint.HandleAsync);

app.Lifetime.ApplicationStarted.Register(() =>
{
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    Console.WriteLine($"ClickHouse {engine.Version} HTTP interface ready");
    Console.WriteLine($"CLICKHOUSE_HTTP={address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)}");
});

app.Run();
