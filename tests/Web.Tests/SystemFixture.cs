using Microsoft.Playwright;
using PokerTracker.Contracts;
using PokerTracker.TestSupport;

namespace PokerTracker.Web.Tests;

/// <summary>
/// The whole system, as the app host runs it on a machine without a container engine, and
/// Debian's Chromium driven headless by Playwright (no browser download: the system's Chromium).
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private DistributedApplication? _app;
    private readonly string _data = TempFolder.Create("pokertracker-web-");

    public Uri WebUrl { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public TraceCollector Traces { get; private set; } = null!;

    /// <summary>The running app host (engines, services, web).</summary>
    public DistributedApplication App => _app ?? throw new InvalidOperationException("The system has not started.");
    public string Screenshots { get; } = Path.Combine(RepoPaths.Root, ".test-results", "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                "--DcpPublisher:ContainerRuntimeInitializationTimeout=00:00:00",
                "--LocalEngines:Mode=executables",
                $"--Web:Port={LocalProcess.FreePort()}", // not the port of a system that ./run.sh may be running
                $"--LocalEngines:DataDirectory={_data}",
            ],
            cts.Token);
        // Every service exports its traces to this run's collector, as it would to the dashboard.
        Traces = await TraceCollector.StartAsync();
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Traces.Endpoint.ToString().TrimEnd('/'))
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "500");
        }

        _app = await builder.BuildAsync(cts.Token);
        await _app.StartAsync(cts.Token);
        foreach (var resource in new[] { ResourceNames.Web, ResourceNames.SessionApi, ResourceNames.AnalyticsWorker, ResourceNames.TiltWorker })
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }

        WebUrl = _app.GetEndpoint(ResourceNames.Web, "http");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
            ],
        });
    }

    public async Task<IBrowserContext> NewContextAsync(bool phone = true, string timeZone = "Europe/London") =>
        await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = WebUrl.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            Locale = "en-US",
            TimezoneId = timeZone,
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        if (Traces is not null) await Traces.DisposeAsync();
        TempFolder.Delete(_data);
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
