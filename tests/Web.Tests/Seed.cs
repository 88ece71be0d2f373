using System.Net.Http.Json;
using System.Text.Json;

namespace PokerTracker.Web.Tests;

/// <summary>A player's past, made through the API as another device would, before the browser opens.</summary>
internal static class Seed
{
    public static async Task PlayAsync(HttpClient http, string venue, long cashOut, string currency = "USD")
    {
        using var started = await http.PostAsJsonAsync("/api/sessions", new
        {
            kind = "cash", game = "NLHE", format = "live", venue, currency,
            stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000, startedAt = DateTimeOffset.UtcNow.AddHours(-3),
        });
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var ended = await http.PostAsJsonAsync($"/api/sessions/{id}/end", new { cashOut });
        ended.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// A time zone in which sessions started <paramref name="hoursAgo"/> hours ago and the next quarter of an hour share one calendar month,
    /// so "this month" in the browser holds them even in the first hours of a month (London, else Tokyo: nine hours apart, one of them always fits).
    /// </summary>
    public static string ZoneWhereThisMonthHolds(double hoursAgo)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var id in new[] { "Europe/London", "Asia/Tokyo" })
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            var from = TimeZoneInfo.ConvertTime(now.AddHours(-hoursAgo - 0.25), zone);
            var to = TimeZoneInfo.ConvertTime(now.AddMinutes(15), zone);
            if (from.Year == to.Year && from.Month == to.Month) return id;
        }

        throw new InvalidOperationException("No time zone holds the last hours and the next minutes in one month.");
    }

    /// <summary>A new player (e-mail from <paramref name="prefix"/>) and a client signed in as them, for the past made before the browser opens.</summary>
    public static async Task<(HttpClient Http, string Email)> NewPlayerAsync(Uri web, string prefix)
    {
        var email = $"{prefix}-{Guid.NewGuid():N}@pokertracker.test";
        var http = new HttpClient { BaseAddress = web };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await RegisterAsync(http, email));
        return (http, email);
    }

    public static async Task<string> RegisterAsync(HttpClient http, string email)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/register", new { email, password = "correct horse battery" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public static async Task<int> SessionsCountedAsync(HttpClient http, string? currency = null)
    {
        using var response = await http.GetAsync(currency is null ? "/api/stats" : $"/api/stats?currency={currency}");
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessions").GetInt32() : 0;
    }
}
