using System.Text.Json;

namespace PokerTracker.Tools.LoadGen;

public static class Players
{
    public static async Task<string> RegisterAsync(HttpClient http, string email)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/register", new { email, password = "benchmark password" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    public static async Task<string> StartAsync(HttpClient http, string token, DateTimeOffset? startedAt = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions")
        {
            Content = JsonContent.Create(new
            {
                kind = "cash", game = "NLHE", format = "live", venue = "Bench", currency = "USD",
                stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000, startedAt = startedAt ?? DateTimeOffset.UtcNow.AddHours(-2),
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    public static async Task<JsonObject> PostAsync(HttpClient http, string token, string path, object body)
    {
        using var request = Command(path, token, body);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>
    /// A session command as the web app sends one: the player's token, a new idempotency key (the
    /// app queues every tap under one, so a retry after a lost answer is recorded once) and a JSON body.
    /// </summary>
    public static HttpRequestMessage Command(string path, string token, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return request;
    }

    /// <summary>
    /// A JSON body with its length, as the web app's fetch sends one (JsonContent streams it chunked,
    /// which no browser does, and which costs the server a pipe per request).
    /// </summary>
    public static HttpContent Json(object body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>The statistics response body as it arrived (time to last byte, without parsing it).</summary>
    public static async Task<byte[]> StatsBytesAsync(HttpClient http, string token, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stats" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static async Task<JsonObject?> StatsAsync(HttpClient http, string token, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stats" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
    }
}
