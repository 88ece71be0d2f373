namespace PokerTracker.Tools.LoadGen;

/// <summary>The HTTP ceiling: Kestrel answering 200 to a small JSON POST, nothing else.</summary>
public sealed class Bare : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Bare(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public static Bare Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return Results.Ok();
        });
        app.StartAsync().GetAwaiter().GetResult();
        return new Bare(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
