namespace PokerTracker.Tools.ClickHouseHost.Http;

/// <summary>
/// On a graceful stop (SIGTERM), keeps answering while clients are still writing — the services
/// stopping beside it flush their last batch — until requests pause for a moment, at most a few
/// seconds; only then does the server stop accepting.
/// </summary>
internal sealed class DrainOnStop(ILogger<DrainOnStop> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AtMost = TimeSpan.FromSeconds(8);
    private long _lastRequest = Environment.TickCount64;
    private int _inFlight;

    public async Task TrackAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path == "/ping")
        {
            await next(context); // health probes are not clients' work
            return;
        }

        Interlocked.Increment(ref _inFlight);
        try
        {
            await next(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            Volatile.Write(ref _lastRequest, Environment.TickCount64);
        }
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var deadline = Environment.TickCount64 + (long)AtMost.TotalMilliseconds;
        while (Environment.TickCount64 < deadline && !cancellationToken.IsCancellationRequested
               && (Volatile.Read(ref _inFlight) > 0 || Environment.TickCount64 - Volatile.Read(ref _lastRequest) < Quiet.TotalMilliseconds))
        {
            await Task.Delay(100, CancellationToken.None);
        }

        logger.LogInformation("Stopping: clients are done");
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
