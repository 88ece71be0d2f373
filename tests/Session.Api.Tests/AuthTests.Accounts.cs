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

/// <summary>Password hashing, the browser's refresh cookie and CSRF, rate limits, roles.</summary>
public sealed partial class AuthTests
{
    [Fact]
    public async Task Passwords_are_hashed_at_the_current_work_factor_and_older_hashes_are_upgraded_at_sign_in()
    {
        var email = $"old-{Guid.NewGuid():N}@pokertracker.test";
        using (var before = engines.CreateApi(("Auth:PasswordIterations", "100000")))
        {
            using var player = await PlayerClient.RegisterAsync(before, email);
            Assert.Equal(100_000, await IterationsAsync(player.UserId));
        }

        using var login = await _api.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var id = (await login.Content.ReadFromJsonAsync<JsonObject>())!["account"]!["id"]!.GetValue<string>();
        Assert.Equal(210_000, await IterationsAsync(id));
    }

    /// <summary>The PBKDF2 iteration count in a stored ASP.NET Core Identity (v3) hash: bytes 5–8, big-endian.</summary>
    private async Task<int> IterationsAsync(string userId)
    {
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var hash = Convert.FromBase64String((string)(await redis.GetDatabase().HashGetAsync($"pt:account:{userId}", "hash"))!);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(5, 4));
    }

    [Fact]
    public async Task Browser_refresh_uses_an_HttpOnly_cookie_guarded_by_a_double_submit_CSRF_token()
    {
        using var browser = _api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = true });
        var email = $"web-{Guid.NewGuid():N}@pokertracker.test";
        using var register = await browser.PostAsJsonAsync("/api/auth/register", new { email, password = "correct horse battery", cookie = true });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        var body = (await register.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Null(body["refreshToken"]);
        var csrf = body["csrfToken"]!.GetValue<string>();
        var setCookie = string.Join("\n", register.Headers.GetValues("Set-Cookie"));
        Assert.Matches("pt_refresh=[^;]+;.*httponly", setCookie.ToLowerInvariant());
        Assert.Contains("samesite=strict", setCookie.ToLowerInvariant());
        Assert.Contains("secure", setCookie.ToLowerInvariant());

        using var forged = await browser.PostAsync("/api/auth/refresh", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/refresh") { Content = JsonContent.Create(new { }) };
        request.Headers.Add("X-CSRF-Token", csrf);
        using var refreshed = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var access = (await refreshed.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();

        // Deleting the account takes this browser's sign-in with it: its cookies are cleared.
        var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/me") { Content = JsonContent.Create(new { password = "correct horse battery" }) };
        delete.Headers.Authorization = new("Bearer", access);
        using var deleted = await browser.SendAsync(delete);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var cleared = deleted.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cleared, c => c.StartsWith("pt_refresh=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(cleared, c => c.StartsWith("pt_csrf=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sign_in_attempts_and_commands_are_rate_limited_with_Retry_After()
    {
        using var limited = engines.CreateApi(("RateLimits:AuthPerMinute", "3"), ("RateLimits:WritesPerSecond", "1"), ("RateLimits:WriteBurst", "3"));
        using var player = limited.NewPlayer(); // 1 of 3
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var login = await player.Http.PostAsJsonAsync("/api/auth/login", new { email = player.Email, password = "wrong password" });
            statuses.Add(login.StatusCode);
            if (login.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(login.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            }
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);

        var writes = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var start = await player.SendAsync(HttpMethod.Post, "/api/sessions", new { kind = "poker" });
            writes.Add(start.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, writes);
        Assert.Equal(HttpStatusCode.BadRequest, writes[0]);
    }

    [Fact]
    public async Task Only_an_admin_reaches_administration_and_premium_lifts_the_active_session_limit()
    {
        // Registering does not make anybody an admin, whatever the address; the operator names admins by account id.
        using var registered = _api.NewPlayer();
        Assert.Equal(HttpStatusCode.Forbidden, (await registered.Http.GetAsync("/api/admin/overview")).StatusCode);
        using var api = engines.CreateApi(("Auth:AdminAccountIds", $"some-other-id, {registered.UserId}"));
        using var admin = registered.On(api);
        var signedIn = (await (await admin.Http.PostAsJsonAsync("/api/auth/login", new { email = registered.Email, password = "correct horse battery" }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("admin", signedIn["account"]!["role"]!.GetValue<string>());
        admin.Authorize(signedIn["accessToken"]!.GetValue<string>());
        using var player = api.NewPlayer();

        Assert.Equal(HttpStatusCode.Forbidden, (await player.Http.GetAsync("/api/admin/overview")).StatusCode);
        Assert.True((await admin.GetAsync("/api/admin/overview"))["accounts"]!.GetValue<long>() >= 2);

        await player.StartCashAsync();
        await player.StartCashAsync();
        using var third = await player.SendAsync(HttpMethod.Post, "/api/sessions", PlayerClient.Cash);
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);

        using var grant = await admin.SendAsync(HttpMethod.Put, $"/api/admin/users/{player.UserId}/role", new { role = "premium" });
        Assert.Equal(HttpStatusCode.NoContent, grant.StatusCode);
        var renewed = await Refresh(player.Http, player.RefreshToken!);
        player.Authorize(renewed.Body!["accessToken"]!.GetValue<string>());
        Assert.Equal("premium", (await player.GetAsync("/api/me"))["role"]!.GetValue<string>());
        await player.StartCashAsync();
    }
}

/// <summary>Access tokens of a deleted account, or issued before a sign-out everywhere, on every replica.</summary>
[Collection(Engines.Collection)]
public sealed class RevokedTokenTests(EnginesFixture engines)
{
    private readonly ApiFactory _api = engines.SharedApi;

    [Fact]
    public async Task A_deleted_accounts_token_is_refused_at_once_by_every_replica_which_checks_it_without_a_call_to_Redis()
    {
        using var other = engines.CreateApi(); // a second replica on the same stores
        using var player = await PlayerClient.RegisterAsync(_api);
        using var elsewhere = player.On(other);
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString + ",allowAdmin=true");

        // Each request's check is a lookup in the replica's memory once it has read the recent deletions.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        bool lookupsOnly;
        do
        {
            var before = await SetLookupsAsync(redis);
            for (var i = 0; i < 10; i++)
            {
                using var ok = await elsewhere.Http.GetAsync("/api/sessions");
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            }

            lookupsOnly = await SetLookupsAsync(redis) == before;
        }
        while (!lookupsOnly && DateTime.UtcNow < deadline);
        Assert.True(lookupsOnly, "every request still asked Redis whether the account was deleted");

        using var deletion = await player.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/me") { Content = JsonContent.Create(new { password = "correct horse battery" }) });
        Assert.Equal(HttpStatusCode.NoContent, deletion.StatusCode);

        // The replica that deleted it refuses the token in its next answer; the other one as soon as
        // the deletion's message arrives (well under a second).
        using (var here = await player.Http.GetAsync("/api/sessions"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, here.StatusCode);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var there = await elsewhere.Http.GetAsync("/api/sessions");
            status = there.StatusCode;
        }
        while (status == HttpStatusCode.OK && watch.Elapsed < TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, status);

        // A replica started after the deletion knows it too.
        using var later = engines.CreateApi();
        using var third = player.On(later);
        using var refused = await third.Http.GetAsync("/api/sessions");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // A device that tries to renew its sign-in is told the account is gone, not only to sign in again.
        using var renewal = await elsewhere.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/auth/refresh") { Content = JsonContent.Create(new { refreshToken = player.RefreshToken }) });
        Assert.Equal(HttpStatusCode.Unauthorized, renewal.StatusCode);
        Assert.Equal("ACCOUNT_DELETED", (await renewal.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_password_change_or_sign_out_everywhere_refuses_the_other_devices_access_tokens_at_once_on_every_replica()
    {
        using var other = engines.CreateApi();
        using var laptop = await PlayerClient.RegisterAsync(_api);
        using var phone = laptop.On(other); // the phone signs in too, and is served by the other replica
        using (var login = await phone.Http.PostAsJsonAsync("/api/auth/login", new { email = laptop.Email, password = "correct horse battery" }))
        {
            phone.Authorize((await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        }

        Assert.Equal(HttpStatusCode.OK, (await phone.Http.GetAsync("/api/sessions")).StatusCode);

        // The phone is lost: a new password from the laptop. The phone's token is refused within a
        // second, not when it expires; the laptop's new token works on both replicas at once.
        using var changed = await laptop.Http.PostAsJsonAsync("/api/auth/password", new { currentPassword = "correct horse battery", newPassword = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        laptop.Authorize((await changed.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithinASecondAsync(phone, HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, (await laptop.Http.GetAsync("/api/sessions")).StatusCode);
        using var laptopElsewhere = laptop.On(other);
        Assert.Equal(HttpStatusCode.OK, (await laptopElsewhere.Http.GetAsync("/api/sessions")).StatusCode);

        // Sign out everywhere: this device's token too, here and on the other replica.
        using var everywhere = await laptop.Http.PostAsync("/api/auth/logout-all", null);
        Assert.Equal(HttpStatusCode.NoContent, everywhere.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.Http.GetAsync("/api/sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithinASecondAsync(laptopElsewhere, HttpStatusCode.Unauthorized));

        // Signing in again works at once.
        using var again = await laptop.Http.PostAsJsonAsync("/api/auth/login", new { email = laptop.Email, password = "a brand new passphrase" });
        laptop.Authorize((await again.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await laptop.Http.GetAsync("/api/sessions")).StatusCode);
    }

    private static async Task<HttpStatusCode> StatusWithinASecondAsync(PlayerClient player, HttpStatusCode expected)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var response = await player.Http.GetAsync("/api/sessions");
            status = response.StatusCode;
        }
        while (status != expected && watch.Elapsed < TimeSpan.FromSeconds(1));
        return status;
    }

    /// <summary>How many SISMEMBER calls Redis has answered so far (its own count).</summary>
    private static async Task<long> SetLookupsAsync(StackExchange.Redis.IConnectionMultiplexer redis)
    {
        var info = await redis.GetServers()[0].InfoRawAsync("commandstats");
        var line = info!.Split('\n').FirstOrDefault(l => l.StartsWith("cmdstat_sismember:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split("calls=")[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
