using Microsoft.Extensions.Caching.Hybrid;
using PokerTracker.Contracts;
using PokerTracker.SessionApi.Sessions;
using StackExchange.Redis;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SharedKernel.LiveStore;

namespace PokerTracker.SessionApi.Statistics;

/// <summary>
/// Statistics from the analytics store behind a cache (in each replica's memory) of the computed
/// figures of the standard view. The cache key carries the player's stats version, which the analytics worker
/// bumps after storing new events for them: a new event makes the next read miss, without any
/// explicit purge.
/// </summary>
public sealed class StatisticsService(
    StatisticsReader reader, HybridCache cache, IConnectionMultiplexer redis, ClickHouse.Driver.ClickHouseClient clickhouse, Infrastructure.PlayerLimiters limiters)
{
    private static readonly HybridCacheEntryOptions Entry = new() { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromMinutes(2) };

    /// <summary>The most points a chart series may be asked for.</summary>
    public const int MaxChartPoints = 100_000;

    public async Task<PlayerStatistics> GetAsync(Caller caller, StatsFilter filter, RiskInputs risk, CancellationToken ct, int chartPoints)
    {
        var zone = filter.Validate();
        if (risk.Bankroll is < 0 or > Sessions.Limits.MaxAmount || risk.TargetRisk is <= 0 or >= 1 || double.IsNaN(risk.TargetRisk))
        {
            throw new Infrastructure.InvalidInputException(new Dictionary<string, string[]>
            {
                ["bankroll"] = ["bankroll must be 0 or more; targetRisk strictly between 0 and 1."],
            });
        }

        if (chartPoints is < 2 or > MaxChartPoints)
        {
            throw new Infrastructure.InvalidInputException(new Dictionary<string, string[]>
            {
                ["points"] = [$"points must be between 2 and {MaxChartPoints}."],
            });
        }

        // Cached figures would hide an outage (new sessions missing without a word): ask first.
        if (!await AvailableAsync(ct))
        {
            throw new AnalyticsUnavailableException(new HttpRequestException("ClickHouse does not answer /ping"));
        }

        limiters.ChargeStatistics(caller.UserId);
        async Task<PlayerStatistics> Compute(CancellationToken token) =>
            StatisticsCalculator.Compute(await reader.EndedSessionsAsync(caller.UserId, filter, token), risk, zone, filter.Currency, chartPoints);

        // Only the standard view (no filter but the time zone, default chart and risk inputs) is
        // cached: a bounded number of entries per player, whatever arguments anyone sends.
        if (!IsStandardView(filter, risk, chartPoints))
        {
            return await Compute(ct);
        }

        var version = (long?)await redis.GetDatabase().StringGetAsync(LiveStoreKeys.StatsVersion(caller.UserId)) ?? 0;
        return await cache.GetOrCreateAsync($"stats:{caller.UserId}:{version}:{zone.Id}", async token => await Compute(token), Entry, cancellationToken: ct);
    }

    private static bool IsStandardView(StatsFilter f, RiskInputs risk, int chartPoints) =>
        f is { From: null, To: null, Kind: null, Game: null, Format: null, Stakes: null, Venue: null, Currency: null, MinMinutes: null }
        && f.Tags is null or { Count: 0 }
        && risk.Bankroll is null && risk.TargetRisk == RiskInputs.DefaultTargetRisk
        && chartPoints == StatisticsCalculator.DefaultChartPoints;

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
