namespace PokerTracker.TestSupport;

/// <summary>
/// A test class that drives the API and reads what Analytics.Worker stored: the run's shared
/// Session.Api replica, and a worker in a consumer group of its own, disposed after each test.
/// </summary>
public abstract class PipelineTest(EnginesFixture engines) : IDisposable
{
    /// <summary>How long a change may take to reach the statistics in a test.</summary>
    public static readonly TimeSpan Join = TimeSpan.FromSeconds(45);

    protected EnginesFixture Fixture { get; } = engines;

    protected ApiFactory Api { get; } = engines.SharedApi;

    protected AnalyticsWorkerFactory Worker { get; } = engines.StartWorker();

    public void Dispose()
    {
        Worker.Dispose();
        GC.SuppressFinalize(this);
    }
}
