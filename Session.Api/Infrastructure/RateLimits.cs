using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace PokerTracker.SessionApi.Infrastructure;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-up and sign-in attempts per client address per minute.</summary>
    [Range(1, 100_000)]
    public int AuthPerMinute { get; set; } = 30;

    /// <summary>Token refreshes and sign-outs per client address per minute (a bucket of their own: tabs refresh often).</summary>
    [Range(1, 100_000)]
    public int RefreshPerMinute { get; set; } = 120;

    /// <summary>Commands per player per second, sustained (a token bucket) — REST commands and GraphQL mutations alike.</summary>
    [Range(1, 1_000_000)]
    public int WritesPerSecond { get; set; } = 50;

    /// <summary>Commands a player may send in one burst.</summary>
    [Range(1, 1_000_000)]
    public int WriteBurst { get; set; } = 200;

    /// <summary>
    /// Commands per player per day: a bucket this deep, refilled evenly each minute. Each command keeps its
    /// idempotency record a day, so this bounds what one player can put in the shared store (a long day at
    /// the table sends a few thousand; past the bucket a player can still send one every few seconds, at
    /// least one a minute).
    /// </summary>
    [Range(100, 100_000_000)]
    public int WritesPerDay { get; set; } = 20_000;

    /// <summary>Commands per client address per second (all players behind it together).</summary>
    [Range(1, 1_000_000)]
    public int WritesPerAddressPerSecond { get; set; } = 500;

    /// <summary>Reads (GET, GraphQL requests) per player per second, sustained; bursts of 5× that.</summary>
    [Range(1, 1_000_000)]
    public int ReadsPerSecond { get; set; } = 40;

    /// <summary>Statistics computations per player per second, sustained (REST and GraphQL); bursts of 4× that.</summary>
    [Range(1, 1_000_000)]
    public int StatisticsPerSecond { get; set; } = 5;

    /// <summary>Rows a player may import per day (CSV); a file costs one per row.</summary>
    [Range(1, 10_000_000)]
    public int ImportRowsPerDay { get; set; } = 20_000;

    /// <summary>Open live streams (SSE) per player.</summary>
    [Range(1, 10_000)]
    public int StreamsPerUser { get; set; } = 10;
}

/// <summary>Too many: when the caller may try again.</summary>
public sealed class RateLimitedException(string what, TimeSpan retryAfter)
    : ProblemException(429, "Too many requests.", $"Too many {what}; try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));

    public override string Code => "RATE_LIMITED";

    public override void AddHeaders(HttpResponse response) => response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Per-player budgets shared by every way in: a REST command and a GraphQL mutation draw on the
/// same bucket (so aliasing a mutation 2,000 times costs 2,000 commands), statistics on another,
/// imported CSV rows on a third (a row costs one).
/// </summary>
public sealed class PlayerLimiters : IDisposable
{
    private readonly PartitionedRateLimiter<string> _writesPerSecond;
    private readonly PartitionedRateLimiter<string> _writesPerDay;
    private readonly PartitionedRateLimiter<string> _writes;

    /// <summary>The players' command budget (by player id), for the <c>writes</c> policy.</summary>
    public PartitionedRateLimiter<string> Writes => _writes;

    /// <summary>Makes the <c>writes</c> policy's view of a player's bucket (one delegate for every request).</summary>
    public Func<string, RateLimiter> WriteBucket { get; }
    private readonly PartitionedRateLimiter<string> _statistics;
    private readonly PartitionedRateLimiter<string> _importRows;

    public PlayerLimiters(IOptions<RateLimitOptions> options)
    {
        var o = options.Value;
        _writesPerSecond = Bucket(o.WriteBurst, o.WritesPerSecond, TimeSpan.FromSeconds(1));
        _writesPerDay = Bucket(o.WritesPerDay, Math.Max(1, o.WritesPerDay / 1_440), TimeSpan.FromMinutes(1));
        _writes = PartitionedRateLimiter.CreateChained(_writesPerSecond, _writesPerDay);
        WriteBucket = key => new SharedBucket(_writes, key);
        _statistics = Bucket(o.StatisticsPerSecond * 4, o.StatisticsPerSecond, TimeSpan.FromSeconds(1));
        _importRows = Bucket(o.ImportRowsPerDay, o.ImportRowsPerDay, TimeSpan.FromDays(1));
    }

    public void ChargeWrite(string userId) => Charge(_writes, userId, 1, "commands");

    public void ChargeStatistics(string userId) => Charge(_statistics, userId, 1, "statistics requests");

    /// <summary>Charges imported rows; a file larger than a whole day's allowance is refused outright.</summary>
    public void ChargeImportRows(string userId, int rows) => Charge(_importRows, userId, rows, "imported rows today");

    /// <summary>Refuses (429) a file the day's allowance no longer covers, before any work for it; charges nothing.</summary>
    public void EnsureImportRows(string userId, int rows)
    {
        if (rows > 0 && _importRows.GetStatistics(userId) is { } left && left.CurrentAvailablePermits < rows)
        {
            throw new RateLimitedException("imported rows today", TimeSpan.FromHours(1));
        }
    }

    private static void Charge(PartitionedRateLimiter<string> limiter, string userId, int permits, string what)
    {
        if (permits <= 0)
        {
            return;
        }

        RateLimitLease lease;
        try
        {
            lease = limiter.AttemptAcquire(userId, permits);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new RateLimitedException(what + $" ({permits} is more than the whole allowance)", TimeSpan.FromDays(1));
        }

        using (lease)
        {
            if (!lease.IsAcquired)
            {
                throw new RateLimitedException(what, lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1));
            }
        }
    }

    private static PartitionedRateLimiter<string> Bucket(int limit, int perPeriod, TimeSpan period)
    {
        // One factory for every player: a request looks its bucket up without allocating a closure.
        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit, TokensPerPeriod = perPeriod, ReplenishmentPeriod = period, AutoReplenishment = true, QueueLimit = 0,
        };
        Func<string, RateLimiter> create = _ => new TokenBucketRateLimiter(options);
        return PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.Get(user, create));
    }

    public void Dispose()
    {
        _writes.Dispose();
        _writesPerSecond.Dispose();
        _writesPerDay.Dispose();
        _statistics.Dispose();
        _importRows.Dispose();
    }
}

/// <summary>
/// Per-address limits on sign-in and on refresh, per-player read limits, a per-address limit on
/// writes, and the per-player budgets of <see cref="PlayerLimiters"/> on commands and statistics;
/// 429 with Retry-After. The address is the real client's (see ServiceDefaults' ForwardedHeaders).
/// </summary>
public static class RateLimits
{
    public const string Auth = "auth";
    public const string Refresh = "refresh";
    public const string Writes = "writes";

    public static IServiceCollection AddPokerTrackerRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PlayerLimiters>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, ct) =>
            {
                var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "global";
                context.HttpContext.RequestServices.GetRequiredService<Sessions.SessionMetrics>().RateLimited(policy);
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(statusCode: 429, title: "Too many requests.", detail: $"Try again in {retryAfter} s.").ExecuteAsync(context.HttpContext);
            };
            limiter.AddPolicy(Auth, context => Window("auth:" + ClientNetwork.Of(context), context, o => o.AuthPerMinute));
            limiter.AddPolicy(Refresh, context => Window("refresh:" + ClientNetwork.Of(context), context, o => o.RefreshPerMinute));
            // Checked before the body is read, so malformed commands cost the same as good ones.
            limiter.AddPolicy(Writes, context => RateLimitPartition.Get(PlayerKey(context), context.RequestServices.GetRequiredService<PlayerLimiters>().WriteBucket));
        });
        // Built once from the options: a request looks its bucket up without building a key string or a factory.
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, options) => limiter.GlobalLimiter = GlobalLimiter(options.Value));
        return services;
    }

    /// <summary>
    /// Every request: changes by client address (signed in or not), reads of a signed-in player by player
    /// (health probes and static files are not limited here).
    /// </summary>
    private static PartitionedRateLimiter<HttpContext> GlobalLimiter(RateLimitOptions o)
    {
        var writeOptions = new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.WritesPerAddressPerSecond * 2, TokensPerPeriod = o.WritesPerAddressPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1), AutoReplenishment = true, QueueLimit = 0,
        };
        var readOptions = new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.ReadsPerSecond * 5, TokensPerPeriod = o.ReadsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1), AutoReplenishment = true, QueueLimit = 0,
        };
        // The factories are made once: a request names its bucket without allocating one.
        Func<Partition, RateLimiter> writes = _ => new TokenBucketRateLimiter(writeOptions);
        Func<Partition, RateLimiter> reads = _ => new TokenBucketRateLimiter(readOptions);
        var anonymous = RateLimitPartition.GetNoLimiter(new Partition("anonymous-reads", ""));
        return PartitionedRateLimiter.Create<HttpContext, Partition>(context =>
            // A GraphQL request of a signed-in player is a read, whatever its method: its mutations
            // draw on the command budget besides (MutationBudgetMiddleware).
            Accounts.Caller.IdOf(context.User) is { } user && (!Changes(context.Request.Method) || IsGraphQL(context.Request))
                ? RateLimitPartition.Get(new Partition("reads", user), reads)
                : Changes(context.Request.Method)
                    ? RateLimitPartition.Get(new Partition("address", (object?)ClientNetwork.Key(context.Connection.RemoteIpAddress) ?? "unknown"), writes)
                    : anonymous);
    }

    private static bool Changes(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method) || HttpMethods.IsPut(method);

    private static bool IsGraphQL(HttpRequest request) => request.Path.Equals("/graphql", StringComparison.OrdinalIgnoreCase);

    /// <summary>A bucket of the global limiter: its kind and whose it is (a <see cref="ClientNetwork"/> or a player id).</summary>
    private readonly record struct Partition(string Kind, object Who);

    /// <summary>The player's id, or for anyone not signed in, their address.</summary>
    public static string PlayerKey(HttpContext context) => Accounts.Caller.IdOf(context.User) ?? "anonymous:" + ClientNetwork.Of(context);

    private static RateLimitPartition<string> Window(string key, HttpContext context, Func<RateLimitOptions, int> permits)
    {
        var o = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits(o), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        });
    }
}

/// <summary>
/// A view of one player's bucket in <see cref="PlayerLimiters"/>: the ASP.NET rate limiter keeps
/// (and drops) these per request key, while the tokens themselves live in the shared limiter, so
/// REST commands and GraphQL mutations spend the same budget.
/// </summary>
internal sealed class SharedBucket(PartitionedRateLimiter<string> inner, string key) : RateLimiter
{
    public override TimeSpan? IdleDuration => TimeSpan.Zero; // holds no state of its own

    public override RateLimiterStatistics? GetStatistics() => inner.GetStatistics(key);

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => inner.AttemptAcquire(key, permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        inner.AcquireAsync(key, permitCount, cancellationToken);
}
