namespace PokerTracker.TestSupport;

/// <summary>
/// A test class that drives the API and reads what Analytics.Worker stored: both hosts on the
/// shared engines, the worker in a consumer group of its own, both disposed after each test.
/// </summary>
public abstract class PipelineTest(EnginesFixture engines, string name) : IDisposable
{
    /// <summary>How long a change may take to reach the statistics in a test.</summary>
    public static readonly TimeSpan Join = TimeSpan.FromSeconds(45);

    protected EnginesFixture Fixture { get; } = engines;

    protected ApiFactory Api { get; } = engines.CreateApi();

    protected AnalyticsWorkerFactory Worker { get; } = new AnalyticsWorkerFactory(engines, $"{name}-{Guid.NewGuid():N}").Start();

    public void Dispose()
    {
        Worker.Dispose();
        Api.Dispose();
        GC.SuppressFinalize(this);
    }
}
