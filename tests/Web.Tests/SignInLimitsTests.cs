using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace PokerTracker.Web.Tests;

/// <summary>Through the web host, as players reach the API: one client's failures are that client's alone.</summary>
[Collection(SystemCollection.Name)]
public sealed class SignInLimitsTests(SystemFixture system)
{
    [Fact]
    public async Task Forty_failed_sign_ins_from_one_address_leave_a_player_at_another_address_untouched()
    {
        using var victim = From("127.0.0.3");
        var email = $"victim-{Guid.NewGuid():N}@pokertracker.test";
        using (var register = await victim.PostAsJsonAsync("/api/auth/register", new { email, password = "correct horse battery" }))
        {
            Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        }

        using var attacker = From("127.0.0.2");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var wrong = await attacker.PostAsJsonAsync("/api/auth/login", new { email = $"nobody-{i}@pokertracker.test", password = "guessing away" });
            statuses.Add(wrong.StatusCode);
        }

        Assert.True(statuses[^1] == HttpStatusCode.TooManyRequests, string.Join(",", statuses.Select(s => (int)s)));
        Assert.Contains(HttpStatusCode.Unauthorized, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);

        // A forged X-Forwarded-For does not buy the attacker a fresh bucket: the web host sets it.
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password = "guessing away" }) };
        forged.Headers.Add("X-Forwarded-For", "203.0.113.77");
        using var spoofed = await attacker.SendAsync(forged);
        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);

        using var login = await victim.PostAsJsonAsync("/api/auth/login", new { email, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    /// <summary>An HTTP client whose connections leave from <paramref name="localAddress"/> (any 127.x address is this machine).</summary>
    private HttpClient From(string localAddress)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = system.WebUrl };
    }
}
