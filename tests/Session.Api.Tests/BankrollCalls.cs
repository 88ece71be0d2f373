using System.Net;
using System.Text.Json.Nodes;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>The bankroll requests the bankroll tests make again and again.</summary>
internal static class BankrollCalls
{
    public static async Task<string> CreateAsync(PlayerClient player, object body)
    {
        using var response = await player.SendAsync(HttpMethod.Post, "/api/bankrolls", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
    }

    public static async Task<long> BalanceAsync(PlayerClient player, string id) =>
        (await player.GetAsync("/api/bankrolls"))["bankrolls"]!.AsArray().Single(b => b!["id"]!.GetValue<string>() == id)!["balance"]!.GetValue<long>();
}
