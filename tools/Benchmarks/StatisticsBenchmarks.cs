using BenchmarkDotNet.Attributes;
using PokerTracker.SessionApi.Statistics;

namespace PokerTracker.Tools.Benchmarks;

/// <summary>
/// The statistics of a player with 10,000 ended sessions, computed in Session.Api from the rows the
/// analytics store returns, against the least any computation must do: ordering the sessions.
/// </summary>
[MemoryDiagnoser]
public class StatisticsBenchmarks
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private List<SessionResult> _sessions = [];

    [Params(1_000, 10_000)]
    public int Sessions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var t0 = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _sessions = [.. Enumerable.Range(0, Sessions).Select(i =>
        {
            var start = t0.AddHours(i * 5);
            var seconds = random.Next(3_600, 36_000);
            var tournament = i % 10 == 0;
            return new SessionResult(Guid.NewGuid(), tournament ? "tournament" : "cash", i % 3 == 0 ? "PLO" : "NLHE", "live",
                tournament ? "" : $"{100 * (1 + i % 3)}/{200 * (1 + i % 3)}", tournament ? null : 200 * (1 + i % 3), $"Venue {i % 7}", "USD", ["bench"],
                start, start.AddSeconds(seconds), seconds, (long)((random.NextDouble() - 0.45) * 80_000), 20_000,
                tournament ? random.Next(0, 3) * 50_000 : null, random.Next(0, 300), null, null);
        })];
    }

    [Benchmark(Baseline = true, Description = "order sessions by end")]
    public int Order() => _sessions.OrderBy(s => s.EndedAt).ThenBy(s => s.Id).ToList().Count;

    [Benchmark(Description = "statistics (UTC)")]
    public PlayerStatistics Utc() => StatisticsCalculator.Compute(_sessions, new RiskInputs(1_000_000), TimeZoneInfo.Utc, chartPoints: StatisticsCalculator.DefaultChartPoints);

    [Benchmark(Description = "statistics (Europe/Paris)")]
    public PlayerStatistics InParis() => StatisticsCalculator.Compute(_sessions, new RiskInputs(1_000_000), Paris, chartPoints: StatisticsCalculator.DefaultChartPoints);
}
