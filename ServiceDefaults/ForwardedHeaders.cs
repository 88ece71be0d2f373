using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PokerTracker.ServiceDefaults;

/// <summary>
/// Who the client really is, when a proxy stands in front: <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed only from the networks listed in
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR), and only the entry the nearest proxy added is used
/// (forward limit 1). Nothing listed: the headers are ignored, and the connection's address counts.
/// Rate limits partition on the result, so a client cannot pick its own bucket.
/// </summary>
public static class ForwardedHeaders
{
    public const string Section = "ForwardedHeaders";

    public static TBuilder AddTrustedForwardedHeaders<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var networks = builder.Configuration.GetSection(Section + ":KnownNetworks").Get<string[]>() ?? [];
        var parsed = networks.Select(n => System.Net.IPNetwork.TryParse(n, out var network)
            ? network
            : throw new InvalidOperationException($"{Section}:KnownNetworks: '{n}' is not a network in CIDR notation (e.g. 10.0.0.0/8).")).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // With no known proxy at all, the middleware would believe everybody: then it reads nothing.
            o.ForwardedHeaders = parsed.Count == 0
                ? Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.None
                : Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var network in parsed)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline: everything after it sees the real client address.</summary>
    public static WebApplication UseTrustedForwardedHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }
}
