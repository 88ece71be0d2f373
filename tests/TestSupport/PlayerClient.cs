using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PokerTracker.TestSupport;

/// <summary>A freshly registered player talking to one replica over HTTP, as an app would.</summary>
public sealed class PlayerClient : IDisposable
{
    private PlayerClient(HttpClient http, string email, JsonObject tokens)
    {
        Http = http;
        Email = email;
        UserId = tokens["account"]!["id"]!.GetValue<string>();
        RefreshToken = tokens["refreshToken"]?.GetValue<string>();
        Authorize(tokens["accessToken"]!.GetValue<string>());
    }

    public HttpClient Http { get; }
    public string Email { get; }
    public string UserId { get; }
    public string? RefreshToken { get; }
    public string AccessToken { get; private set; } = "";

    public static async Task<PlayerClient> RegisterAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<PokerTracker.SessionApi.EntryPoint> api, string? email = null)
    {
        var http = api.CreateClient();
        email ??= $"player-{Guid.NewGuid():N}@pokertracker.test";
        using var response = await http.PostAsJsonAsync("/api/auth/register", new { email, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return new PlayerClient(http, email, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    /// <summary>The same player on another replica.</summary>
    public PlayerClient On(ApiFactory api)
    {
        var other = new PlayerClient(api.CreateClient(), Email, new JsonObject
        {
            ["account"] = new JsonObject { ["id"] = UserId },
            ["accessToken"] = AccessToken,
        });
        return other;
    }

    public void Authorize(string? token)
    {
        AccessToken = token ?? "";
        Http.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
    }

    public static readonly object Cash = new
    {
        kind = "cash", game = "NLHE", format = "live", venue = "Bellagio", currency = "USD",
        stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000, tags = new[] { "weekend" },
    };

    public async Task<JsonObject> StartCashAsync(object? body = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/sessions", body ?? Cash);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? idempotencyKey = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await Http.SendAsync(request);
    }

    public async Task<JsonObject> PostOkAsync(string path, object? body = null, string? idempotencyKey = null) =>
        (await PostNodeAsync(path, body, idempotencyKey)).AsObject();

    public async Task<JsonNode> PostNodeAsync(string path, object? body = null, string? idempotencyKey = null)
    {
        using var response = await SendAsync(HttpMethod.Post, path, body, idempotencyKey);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonObject> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A successful GET whose body may be any JSON (an array, say).</summary>
    public async Task<JsonNode> GetNodeAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonObject> GraphQLAsync(string query, object? variables = null)
    {
        using var response = await Http.PostAsJsonAsync("/graphql", new { query, variables });
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)!.AsObject();
    }

    public void Dispose() => Http.Dispose();

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
