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
    StatisticsReader reader, HybridCache cache, IConnectionMultiplexer redis, ClickHouse.Driver.ClickHouseClient clickhouse, Infrastructure.PlayerLimiters limiters,
    Bankrolls.BankrollService bankrolls, Sessions.SessionMetrics metrics)
{
    private static readonly HybridCacheEntryOptions Entry = new() { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromMinutes(2) };

    /// <summary>The most points a chart series may be asked for.</summary>
    public const int MaxChartPoints = 100_000;

    public async Task<PlayerStatistics> GetAsync(Caller caller, StatsFilter filter, RiskInputs risk, CancellationToken ct, int chartPoints)
    {
        var zone = filter.Validate();
        var riskErrors = new Dictionary<string, string[]>();
        if (risk.Bankroll is < 0 or > Sessions.Limits.MaxAmount)
        {
            riskErrors["bankroll"] = [$"Must be from 0 to {Sessions.Limits.MaxAmount}, in cents (250000 for 2,500.00)."];
        }

        if (risk.TargetRisk is <= 0 or >= 1 || double.IsNaN(risk.TargetRisk))
        {
            riskErrors["targetRisk"] = ["Must be strictly between 0 and 1, e.g. 0.05 for 5%."];
        }

        if (riskErrors.Count > 0)
        {
            throw new Infrastructure.InvalidInputException(riskErrors);
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
        var fresher = await reader.FresherAsync(caller.UserId);
        async Task<PlayerStatistics> Compute(CancellationToken token)
        {
            // Every currency is read, the one shown chosen among them: the hours of each month count
            // every currency (the monthly hours goal), and the answer names every currency there is.
            var sessions = await SessionsAsync(caller, filter with { Currency = null }, zone, token, fresher);
            var inputs = risk;
            // No bankroll given: the risk of ruin is that of what the player's bankrolls hold now (when
            // they hold nothing, or less, ruin is where they are: a risk of 1).
            if (risk.Bankroll is null && (filter.Currency ?? StatisticsCalculator.Currencies(sessions).FirstOrDefault()) is { } currency
                && await bankrolls.BalanceInAsync(caller, currency, IsUnfiltered(filter) ? sessions : null, token) is { } held)
            {
                inputs = risk with { Bankroll = held, Source = RiskInputs.FromBankrolls };
            }

            return StatisticsCalculator.Compute(sessions, inputs, zone, filter.Currency, chartPoints);
        }

        // Only the standard view (no filter but the time zone, default chart and risk inputs) is
        // cached: a bounded number of entries per player, whatever arguments anyone sends. Nor while
        // a session that stopped a moment ago is on its way to the analytics store: the figures then
        // hold it as the live store does, and the stats version has not moved yet.
        if (!IsStandardView(filter, risk, chartPoints) || fresher.Count > 0)
        {
            return await Compute(ct);
        }

        var version = (long?)await redis.GetDatabase().StringGetAsync(LiveStoreKeys.StatsVersion(caller.UserId)) ?? 0;
        var computed = false;
        var statistics = await cache.GetOrCreateAsync($"stats:{caller.UserId}:{version}:{zone.Id}", async token =>
        {
            computed = true;
            return await Compute(token);
        }, Entry, cancellationToken: ct);
        metrics.StatisticsCache(hit: !computed);
        return statistics;
    }

    /// <summary>
    /// The sessions behind a view, newest first: what a row of a breakdown drills down to. Limited
    /// to <paramref name="limit"/>; <paramref name="total"/> says how many match.
    /// </summary>
    /// <param name="offset">How many of the ordered sessions come before the first listed (a page further on).</param>
    public async Task<SessionList> ListAsync(Caller caller, StatsFilter filter, int limit, CancellationToken ct, string? sort = null, int offset = 0)
    {
        var zone = filter.Validate();
        if (limit is < 1 or > MaxListed)
        {
            throw new Infrastructure.InvalidInputException(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxListed}."] });
        }

        if (offset < 0)
        {
            throw Infrastructure.InvalidInputException.Field("offset", "Must be 0 or more.");
        }

        if (sort is not null && !SessionOrders.ContainsKey(sort))
        {
            throw Infrastructure.InvalidInputException.Field("sort", $"Is one of {string.Join(", ", SessionOrders.Keys)}.");
        }

        if (!await AvailableAsync(ct))
        {
            throw new AnalyticsUnavailableException(new HttpRequestException("ClickHouse does not answer /ping"));
        }

        limiters.ChargeStatistics(caller.UserId);
        var all = await SessionsAsync(caller, filter with { Currency = null }, zone, ct); // every currency, to name them
        var currencies = StatisticsCalculator.Currencies(all);
        var chosen = filter.Currency ?? currencies.FirstOrDefault();
        var matching = SessionOrders[sort ?? "newest"](all.Where(s => s.Currency == chosen)).ThenByDescending(s => s.StartedAt).ThenBy(s => s.Id).ToList();
        return new SessionList([.. matching.Skip(offset).Take(limit)], matching.Count, currencies);
    }

    /// <summary>How a view's sessions may be listed: by the date each row shows (as History), or by result or length, the rest newest first.</summary>
    public static readonly IReadOnlyDictionary<string, Func<IEnumerable<SessionResult>, IOrderedEnumerable<SessionResult>>> SessionOrders =
        new Dictionary<string, Func<IEnumerable<SessionResult>, IOrderedEnumerable<SessionResult>>>(StringComparer.Ordinal)
        {
            ["newest"] = all => all.OrderByDescending(s => s.StartedAt),
            ["oldest"] = all => all.OrderBy(s => s.StartedAt),
            ["best"] = all => all.OrderByDescending(s => s.Net),
            ["worst"] = all => all.OrderBy(s => s.Net),
            ["longest"] = all => all.OrderByDescending(s => s.PlayingSeconds),
        };

    /// <summary>The most sessions one drill-down lists.</summary>
    public const int MaxListed = 500;

    private async Task<IReadOnlyList<SessionResult>> SessionsAsync(Caller caller, StatsFilter filter, TimeZoneInfo zone, CancellationToken ct, IReadOnlyList<SharedKernel.Sessions.SessionState>? fresher = null)
    {
        var sessions = await reader.EndedSessionsAsync(caller.UserId, filter, ct, fresher);
        return filter.NarrowsInMemory ? [.. sessions.Where(s => filter.Matches(s, zone))] : sessions;
    }

    private static bool IsStandardView(StatsFilter f, RiskInputs risk, int chartPoints) =>
        IsUnfiltered(f)
        && risk.Bankroll is null && risk.TargetRisk == RiskInputs.DefaultTargetRisk
        && chartPoints == StatisticsCalculator.DefaultChartPoints;

    /// <summary>No filter but the time zone: the view holds every ended session.</summary>
    private static bool IsUnfiltered(StatsFilter f) =>
        f is { From: null, To: null, Kind: null, Game: null, Format: null, Stakes: null, Venue: null, Currency: null, MinMinutes: null, Weekday: null }
        && f.Tags is null or { Count: 0 };

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
