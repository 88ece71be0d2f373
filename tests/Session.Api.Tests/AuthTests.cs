using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>Accounts and tokens: bad tokens, refresh rotation, login lifetime, password change, sign-in back-off (hashing, CSRF, rate limits and roles in AuthTests.Accounts.cs).</summary>
[Collection(Engines.Collection)]
public sealed partial class AuthTests(EnginesFixture engines)
{
    private readonly ApiFactory _api = engines.SharedApi;

    public static TheoryData<string> BadTokens() => ["expired", "tampered", "alg-none", "other-key", "wrong-issuer", "garbage"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_is_expired_tampered_unsigned_or_foreign_is_refused(string kind)
    {
        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        player.Authorize(Forge(kind, player));
        foreach (var (method, path) in new[] { ("GET", $"/api/sessions/{id}"), ("POST", $"/api/sessions/{id}/stack"), ("POST", "/graphql"), ("GET", "/api/me/events") })
        {
            using var response = await player.SendAsync(new HttpMethod(method), path, method == "POST" ? new { amount = 1, query = "{ me { id } }" } : null);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{kind} {method} {path} → {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task No_token_means_401_everywhere_except_sign_in_and_health()
    {
        using var anonymous = _api.CreateClient();
        foreach (var path in new[] { "/api/sessions", "/api/me", "/api/me/events", $"/api/sessions/{Guid.NewGuid()}" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/graphql", new { query = "{ me { id } }" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/sessions", PlayerClient.Cash)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_a_reused_one_revokes_the_whole_login()
    {
        using var api = engines.CreateApi(("Auth:RefreshReuseGrace", "00:00:00.300"));
        using var player = api.NewPlayer();
        var first = player.RefreshToken!;
        var rotated = await Refresh(player.Http, first);
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        var second = rotated.Body!["refreshToken"]!.GetValue<string>();
        Assert.NotEqual(first, second);
        player.Authorize(rotated.Body["accessToken"]!.GetValue<string>());
        Assert.Equal(player.UserId, (await player.GetAsync("/api/me"))["id"]!.GetValue<string>());

        // The old token shows up again, well after its rotation: it leaked. Both it and its successor stop working.
        await Task.Delay(600);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(player.Http, first)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(player.Http, second)).Status);

        // Logging in again starts a new, working family.
        using var login = await player.Http.PostAsJsonAsync("/api/auth/login", new { email = player.Email, password = "correct horse battery" });
        var fresh = (await login.Content.ReadFromJsonAsync<JsonObject>())!["refreshToken"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Refresh(player.Http, fresh)).Status);
        using var logout = await player.Http.PostAsJsonAsync("/api/auth/logout", new { refreshToken = fresh });
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
    }

    [Fact]
    public async Task Two_tabs_refreshing_at_once_stay_signed_in()
    {
        using var player = _api.NewPlayer();
        var first = player.RefreshToken!;
        var results = await Task.WhenAll(Refresh(player.Http, first), Refresh(player.Http, first));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        foreach (var (_, body) in results)
        {
            Assert.Equal(HttpStatusCode.OK, (await Refresh(player.Http, body!["refreshToken"]!.GetValue<string>())).Status);
        }
    }

    [Fact]
    public async Task A_login_ends_at_its_absolute_lifetime_however_often_it_rotates()
    {
        using var api = engines.CreateApi(("Auth:LoginLifetime", "00:00:03"));
        using var player = api.NewPlayer();
        var token = player.RefreshToken!;
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < TimeSpan.FromSeconds(2))
        {
            var rotated = await Refresh(player.Http, token);
            Assert.Equal(HttpStatusCode.OK, rotated.Status);
            token = rotated.Body!["refreshToken"]!.GetValue<string>();
            await Task.Delay(400);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(player.Http, token)).Status);
    }

    [Fact]
    public async Task Changing_the_password_signs_out_every_other_login_and_sign_out_everywhere_does_too()
    {
        using var player = _api.NewPlayer();
        using var phone = await player.Http.PostAsJsonAsync("/api/auth/login", new { email = player.Email, password = "correct horse battery" });
        var phoneToken = (await phone.Content.ReadFromJsonAsync<JsonObject>())!["refreshToken"]!.GetValue<string>();

        using var wrong = await player.Http.PostAsJsonAsync("/api/auth/password", new { currentPassword = "not it at all", newPassword = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using var changed = await player.Http.PostAsJsonAsync("/api/auth/password", new { currentPassword = "correct horse battery", newPassword = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var mine = (await changed.Content.ReadFromJsonAsync<JsonObject>())!["refreshToken"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(player.Http, phoneToken)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(player.Http, player.RefreshToken!)).Status);
        var kept = await Refresh(player.Http, mine);
        Assert.Equal(HttpStatusCode.OK, kept.Status);
        using var oldPassword = await player.Http.PostAsJsonAsync("/api/auth/login", new { email = player.Email, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        using var newPassword = await player.Http.PostAsJsonAsync("/api/auth/login", new { email = player.Email, password = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);

        player.Authorize(kept.Body!["accessToken"]!.GetValue<string>());
        using var everywhere = await player.Http.PostAsync("/api/auth/logout-all", null);
        Assert.Equal(HttpStatusCode.NoContent, everywhere.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(player.Http, kept.Body["refreshToken"]!.GetValue<string>())).Status);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await Refresh(player.Http, (await newPassword.Content.ReadFromJsonAsync<JsonObject>())!["refreshToken"]!.GetValue<string>())).Status);
    }

    [Fact]
    public async Task Failed_sign_ins_slow_down_that_address_then_the_right_password_gets_in_and_clears_them()
    {
        using var player = _api.NewPlayer();
        using var http = _api.CreateClient();
        for (var i = 0; i < 6; i++)
        {
            using var wrong = await http.PostAsJsonAsync("/api/auth/login", new { email = player.Email, password = $"guess number {i}" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var slowed = await http.PostAsJsonAsync("/api/auth/login", new { email = player.Email, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
        Assert.Equal("1", slowed.Headers.GetValues("Retry-After").Single());
        Assert.Contains("Try again", await slowed.Content.ReadAsStringAsync());

        await Task.Delay(1_100);
        using var right = await http.PostAsJsonAsync("/api/auth/login", new { email = player.Email, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        using var afterwards = await http.PostAsJsonAsync("/api/auth/login", new { email = player.Email, password = "one more wrong guess" });
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode); // counters cleared: no wait
    }

    [Fact]
    public async Task Strangers_failing_to_sign_in_never_keep_the_player_out_from_a_device_that_signed_in_before()
    {
        using var player = _api.NewPlayer();
        using var other = _api.NewPlayer();
        using var http = _api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        async Task<HttpResponseMessage> Login(string email, string password, string? device = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password }) };
            if (device is not null)
            {
                request.Headers.Add("Cookie", device);
            }

            return await http.SendAsync(request);
        }

        static string DeviceCookie(HttpResponseMessage response) =>
            response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pt_device=", StringComparison.Ordinal)).Split(';')[0];

        using (var first = await Login(player.Email, "correct horse battery"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var cookie = DeviceCookie(first);
            Assert.Contains("httponly", first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pt_device=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);

            // Strangers guess until every client without the cookie must wait, the player on a new device too.
            for (var i = 0; i < 26; i++)
            {
                using var _ = await Login(player.Email, $"a stranger's guess {i}");
            }

            using (var newDevice = await Login(player.Email, "correct horse battery"))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, newDevice.StatusCode);
            }

            // Not a cookie made up, nor one of another account's device.
            using (var forged = await Login(player.Email, "correct horse battery", $"pt_device={new string('A', 32)}.{new string('B', 32)}"))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, forged.StatusCode);
            }

            string theirs;
            using (var theirLogin = await Login(other.Email, "correct horse battery"))
            {
                theirs = DeviceCookie(theirLogin);
            }

            using (var borrowed = await Login(player.Email, "correct horse battery", theirs))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, borrowed.StatusCode);
            }

            // The player's own phone gets in at once.
            using var known = await Login(player.Email, "correct horse battery", cookie);
            Assert.Equal(HttpStatusCode.OK, known.StatusCode);

            // A known device guessing wrong has a budget of its own: it slows down itself, nobody else.
            for (var i = 0; i < 6; i++)
            {
                using var _ = await Login(other.Email, $"a typo {i}", theirs);
            }

            using var slowedItself = await Login(other.Email, "correct horse battery", theirs);
            Assert.Equal(HttpStatusCode.TooManyRequests, slowedItself.StatusCode);
            using var elsewhere = await Login(other.Email, "correct horse battery");
            Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonObject? Body)> Refresh(HttpClient http, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/refresh") { Content = JsonContent.Create(new { refreshToken = token }) };
        request.Headers.Authorization = null;
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.IsSuccessStatusCode ? JsonNode.Parse(text)!.AsObject() : null);
    }

    private static string Forge(string kind, PlayerClient player)
    {
        var handler = new JsonWebTokenHandler();
        string Sign(string key, DateTime expires, string issuer = "pokertracker") => handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = "pokertracker",
            NotBefore = DateTime.UtcNow.AddMinutes(-30),
            IssuedAt = DateTime.UtcNow.AddMinutes(-30),
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("sub", player.UserId), new Claim("role", "admin")]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });

        static string B64(string json) => Base64UrlEncoder.Encode(json);
        var valid = player.AccessToken.Split('.');
        return kind switch
        {
            "expired" => Sign(ApiFactory.SigningKey, DateTime.UtcNow.AddMinutes(-5)),
            "tampered" => $"{valid[0]}.{B64(Base64UrlEncoder.Decode(valid[1]).Replace("\"free\"", "\"admin\""))}.{valid[2]}",
            "alg-none" => $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{valid[1]}.",
            "other-key" => Sign("another-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz", DateTime.UtcNow.AddMinutes(5)),
            "wrong-issuer" => Sign(ApiFactory.SigningKey, DateTime.UtcNow.AddMinutes(5), "someone-else"),
            _ => "not.a.token",
        };
    }
}
