using Microsoft.Extensions.Caching.Hybrid;
using PokerTracker.Contracts;
using PokerTracker.SessionApi.Sessions;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Statistics;

/// <summary>
/// Statistics from the analytics store behind a two-level cache (memory, then Redis). The cache
/// key carries the player's stats version, which the analytics worker bumps after storing new
/// events for them: a new event makes the next read miss, without any explicit purge.
/// </summary>
public sealed class StatisticsService(AnalyticsReader reader, HybridCache cache, IConnectionMultiplexer redis, ClickHouse.Driver.ClickHouseClient clickhouse)
{
    private static readonly HybridCacheEntryOptions Entry = new() { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromMinutes(2) };

    public async Task<PlayerStatistics> GetAsync(Caller caller, StatsFilter filter, RiskInputs risk, CancellationToken ct)
    {
        var zone = filter.Validate();
        if (risk.Bankroll is < 0 or > Domain.Limits.MaxAmount || risk.TargetRisk is <= 0 or >= 1 || double.IsNaN(risk.TargetRisk))
        {
            throw new Domain.SessionValidationException(new Dictionary<string, string[]>
            {
                ["bankroll"] = ["bankroll must be 0 or more; targetRisk strictly between 0 and 1."],
            });
        }

        // Cached figures would hide an outage (new sessions missing without a word): ask first.
        if (!await AvailableAsync(ct))
        {
            throw new AnalyticsUnavailableException(new HttpRequestException("ClickHouse does not answer /ping"));
        }

        var version = (long?)await redis.GetDatabase().StringGetAsync(AnalyticsTables.StatsVersionKey(caller.UserId)) ?? 0;
        var key = $"stats:{caller.UserId}:{version}:{filter.ToCacheKey()}";
        var sessions = await cache.GetOrCreateAsync(key, async token => (await reader.EndedSessionsAsync(caller.UserId, filter, token)).ToList(), Entry, cancellationToken: ct);
        return StatisticsCalculator.Compute(sessions, risk, zone, filter.Currency);
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
