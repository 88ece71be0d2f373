using System.Net;
using System.Text;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>Per-address limits count an IPv6 client by its /64, whose addresses it picks freely.</summary>
[Collection(Engines.Collection)]
public sealed class ClientNetworkTests(EnginesFixture engines)
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:12:34:a1b2:c3d4:e5f6:789", "2001:db8:12:34::/64")]
    [InlineData("2001:db8:12:34::1", "2001:db8:12:34::/64")]
    [InlineData("2001:db8:12:35::1", "2001:db8:12:35::/64")]
    [InlineData("::1", "::1")]
    public void An_address_is_counted_as_its_network(string address, string counted) =>
        Assert.Equal(counted, ClientNetwork.Of(IPAddress.Parse(address)));

    [Fact]
    public void Each_command_compares_networks_as_addresses_without_making_text()
    {
        var v4 = IPAddress.Parse("203.0.113.7");
        Assert.Same(v4, ClientNetwork.Key(v4));
        Assert.Equal(ClientNetwork.Key(IPAddress.Parse("2001:db8:12:34::1")), ClientNetwork.Key(IPAddress.Parse("2001:db8:12:34:ffff::9")));
        Assert.NotEqual(ClientNetwork.Key(IPAddress.Parse("2001:db8:12:34::1")), ClientNetwork.Key(IPAddress.Parse("2001:db8:12:35::1")));
    }

    [Fact]
    public async Task Sign_in_tries_from_fresh_IPv6_addresses_of_one_network_share_its_budget_and_another_network_has_its_own()
    {
        using var api = engines.CreateApi(("RateLimits:AuthPerMinute", "3"));
        async Task<HttpStatusCode> SignInFrom(string address)
        {
            var body = Encoding.UTF8.GetBytes("""{"email":"nobody@pokertracker.test","password":"not-the-password"}""");
            var context = await api.Server.SendAsync(c =>
            {
                c.Connection.RemoteIpAddress = IPAddress.Parse(address);
                c.Request.Method = "POST";
                c.Request.Path = "/api/auth/login";
                c.Request.ContentType = "application/json";
                c.Request.ContentLength = body.Length;
                c.Request.Body = new MemoryStream(body);
                c.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>(new HasBody());
            });
            var status = (HttpStatusCode)context.Response.StatusCode;
            Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"{status}: {await new StreamReader(context.Response.Body).ReadToEndAsync()}");
            return status;
        }

        // Each try from a new address of the same /64: the fourth is refused as the network's.
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await SignInFrom($"2001:db8:77:1::{i:x}"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInFrom("2001:db8:77:1:ffff:1:2:3"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInFrom("2001:db8:77:2::1"));
    }

    private sealed class HasBody : Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }
}
