using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace PokerTracker.SessionApi.Apis;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-up and sign-in attempts per client address per minute.</summary>
    [Range(1, 100_000)]
    public int AuthPerMinute { get; set; } = 30;

    /// <summary>Token refreshes and sign-outs per client address per minute (a bucket of their own: tabs refresh often).</summary>
    [Range(1, 100_000)]
    public int RefreshPerMinute { get; set; } = 120;

    /// <summary>Commands per player per second, sustained (a token bucket).</summary>
    [Range(1, 1_000_000)]
    public int WritesPerSecond { get; set; } = 50;

    /// <summary>Commands a player may send in one burst.</summary>
    [Range(1, 1_000_000)]
    public int WriteBurst { get; set; } = 200;

    /// <summary>Commands per client address per second (all players behind it together).</summary>
    [Range(1, 1_000_000)]
    public int WritesPerAddressPerSecond { get; set; } = 500;

    /// <summary>Open live streams (SSE) per player.</summary>
    [Range(1, 10_000)]
    public int StreamsPerUser { get; set; } = 10;
}

/// <summary>
/// Per-address limits on sign-in and on refresh, per-player and per-address limits on commands; 429
/// with Retry-After. The address is the real client's (see ServiceDefaults' ForwardedHeaders).
/// </summary>
public static class RateLimits
{
    public const string Auth = "auth";
    public const string Refresh = "refresh";
    public const string Writes = "writes";

    public static IServiceCollection AddPokerTrackerRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await TypedResults.Problem(statusCode: 429, title: "Too many requests.", detail: $"Try again in {retryAfter} s.")
                    .ExecuteAsync(context.HttpContext);
            };
            limiter.AddPolicy(Auth, context =>
            {
                var o = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter("auth:" + Address(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = o.AuthPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                });
            });
            limiter.AddPolicy(Refresh, context =>
            {
                var o = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter("refresh:" + Address(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = o.RefreshPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                });
            });
            limiter.AddPolicy(Writes, context =>
            {
                var o = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var user = context.User.FindFirstValue("sub") ?? "anonymous:" + Address(context);
                return RateLimitPartition.GetTokenBucketLimiter("user:" + user, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = o.WriteBurst, TokensPerPeriod = o.WritesPerSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    AutoReplenishment = true, QueueLimit = 0,
                });
            });
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method) && !HttpMethods.IsPatch(context.Request.Method) && !HttpMethods.IsDelete(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("reads");
                }

                var o = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter("address:" + Address(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = o.WritesPerAddressPerSecond * 2, TokensPerPeriod = o.WritesPerAddressPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1), AutoReplenishment = true, QueueLimit = 0,
                });
            });
        });
        return services;
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
