using System.Net;
using System.Text.Json.Nodes;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>A currency code typed in small letters, as on a phone, is the code all the same.</summary>
[Collection(Engines.Collection)]
public sealed class CurrencyCodeTests(EnginesFixture engines)
{
    private readonly ApiFactory _api = engines.SharedApi;

    [Fact]
    public async Task A_code_in_small_letters_is_taken_and_kept_in_capitals_everywhere()
    {
        using var player = _api.NewPlayer();
        var started = await player.StartCashAsync(new
        {
            kind = "cash", game = "NLHE", format = "live", venue = "Aria", currency = " eur ",
            stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000,
        });
        Assert.Equal("EUR", started["currency"]!.GetValue<string>());
        var graphql = await player.GraphQLAsync("""
            mutation { createSession(input: { kind: "cash", game: "NLHE", format: "live", venue: "Aria", currency: "usd",
              stakes: { smallBlind: 100, bigBlind: 200 } }) { currency } }
            """);
        Assert.Equal("USD", graphql["data"]!["createSession"]!["currency"]!.GetValue<string>());

        var bankroll = await BankrollCalls.CreateAsync(player, new { name = "Euros", currency = "eur" });
        var bankrolls = (await player.GetAsync("/api/bankrolls"))["bankrolls"]!.AsArray();
        Assert.Equal("EUR", bankrolls.Single(b => b!["id"]!.GetValue<string>() == bankroll)!["currency"]!.GetValue<string>());

        Assert.Equal("EUR", (await Put(player, "/api/me/guards", new { stopLoss = 30_000, currency = "eur" }))["currency"]!.GetValue<string>());
        Assert.Equal("EUR", (await player.GetAsync("/api/me/guards"))["currency"]!.GetValue<string>());
        Assert.Equal("USD", (await Put(player, "/api/me/goals", new { profit = 100_000, currency = "Usd" }))["currency"]!.GetValue<string>());

        foreach (var read in new[] { "/api/stats?currency=eur", "/api/stats/sessions?currency=eur", "/api/hands?currency=usd" })
        {
            using var answer = await player.Http.GetAsync(read);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{read}: {await answer.Content.ReadAsStringAsync()}");
        }

        // Anything but a code is still refused, whatever its case.
        using var refused = await player.SendAsync(HttpMethod.Post, "/api/bankrolls", new { name = "Dollars", currency = "dollars" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    private static async Task<JsonObject> Put(PlayerClient player, string path, object body)
    {
        using var response = await player.SendAsync(HttpMethod.Put, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }
}
