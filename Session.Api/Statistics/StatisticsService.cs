using Microsoft.Extensions.Caching.Hybrid;
using PokerTracker.Contracts;
using PokerTracker.SessionApi.Sessions;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Statistics;

/// <summary>
/// Statistics from the analytics store behind a two-level cache (memory, then Redis) of the
/// computed figures. The cache key carries the player's stats version, which the analytics worker
/// bumps after storing new events for them: a new event makes the next read miss, without any
/// explicit purge.
/// </summary>
public sealed class StatisticsService(AnalyticsReader reader, HybridCache cache, IConnectionMultiplexer redis, ClickHouse.Driver.ClickHouseClient clickhouse)
{
    private static readonly HybridCacheEntryOptions Entry = new() { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromMinutes(2) };

    /// <summary>The most points a chart series may be asked for.</summary>
    public const int MaxChartPoints = 100_000;

    public async Task<PlayerStatistics> GetAsync(Caller caller, StatsFilter filter, RiskInputs risk, CancellationToken ct, int chartPoints)
    {
        var zone = filter.Validate();
        if (risk.Bankroll is < 0 or > Domain.Limits.MaxAmount || risk.TargetRisk is <= 0 or >= 1 || double.IsNaN(risk.TargetRisk))
        {
            throw new Domain.SessionValidationException(new Dictionary<string, string[]>
            {
                ["bankroll"] = ["bankroll must be 0 or more; targetRisk strictly between 0 and 1."],
            });
        }

        if (chartPoints is < 2 or > MaxChartPoints)
        {
            throw new Domain.SessionValidationException(new Dictionary<string, string[]>
            {
                ["points"] = [$"points must be between 2 and {MaxChartPoints}."],
            });
        }

        // Cached figures would hide an outage (new sessions missing without a word): ask first.
        if (!await AvailableAsync(ct))
        {
            throw new AnalyticsUnavailableException(new HttpRequestException("ClickHouse does not answer /ping"));
        }

        var version = (long?)await redis.GetDatabase().StringGetAsync(AnalyticsTables.StatsVersionKey(caller.UserId)) ?? 0;
        var key = $"stats:{caller.UserId}:{version}:{filter.ToCacheKey()}:{risk.Bankroll}:{risk.TargetRisk.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}:{chartPoints}";
        return await cache.GetOrCreateAsync(
            key,
            async token => StatisticsCalculator.Compute(await reader.EndedSessionsAsync(caller.UserId, filter, token), risk, zone, filter.Currency, chartPoints),
            Entry,
            cancellationToken: ct);
    }

    private async Task<bool> AvailableAsync(CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            return await clickhouse.PingAsync(cancellationToken: timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
