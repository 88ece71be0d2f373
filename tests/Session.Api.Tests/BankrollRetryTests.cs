using System.Net;
using System.Text.Json.Nodes;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>
/// A deposit, withdrawal or transfer sent again with its Idempotency-Key (the answer was lost on the
/// casino's Wi-Fi and the player tapped once more) is booked once and answered as the first time.
/// </summary>
[Collection(Engines.Collection)]
public sealed class BankrollRetryTests(EnginesFixture engines) : PipelineTest(engines)
{
    [Fact]
    public async Task A_deposit_or_withdrawal_sent_again_with_its_key_is_booked_once_and_gets_the_first_answer()
    {
        using var player = Api.NewPlayer();
        var roll = await CreateAsync(player, "Cash box", "USD");
        var deposit = Guid.NewGuid().ToString();
        var first = await SendAsync(player, $"/api/bankrolls/{roll}/entries", new { kind = "deposit", amount = 10_000, note = "ATM" }, deposit, HttpStatusCode.Created);
        for (var again = 0; again < 2; again++)
        {
            var answer = await SendAsync(player, $"/api/bankrolls/{roll}/entries", new { kind = "deposit", amount = 10_000, note = "ATM" }, deposit, HttpStatusCode.Created);
            Assert.Equal(first.ToJsonString(), answer.ToJsonString());
        }

        Assert.Equal(10_000, await BankrollCalls.BalanceAsync(player, roll));

        // The whole $100 out; sent again, the answer is the first one, not "it holds nothing".
        var withdrawal = Guid.NewGuid().ToString();
        var taken = await SendAsync(player, $"/api/bankrolls/{roll}/entries", new { kind = "withdrawal", amount = 10_000 }, withdrawal, HttpStatusCode.Created);
        var retried = await SendAsync(player, $"/api/bankrolls/{roll}/entries", new { kind = "withdrawal", amount = 10_000 }, withdrawal, HttpStatusCode.Created);
        Assert.Equal(taken["id"]!.GetValue<string>(), retried["id"]!.GetValue<string>());
        Assert.Equal(0, await BankrollCalls.BalanceAsync(player, roll));

        // The same key with another request is a mistake, not a retry.
        await SendAsync(player, $"/api/bankrolls/{roll}/entries", new { kind = "deposit", amount = 20_000, note = "ATM" }, deposit, HttpStatusCode.UnprocessableEntity);
        await SendAsync(player, "/api/bankrolls/transfers", new { from = roll, to = await CreateAsync(player, "Savings", "USD"), amount = 1 }, withdrawal, HttpStatusCode.UnprocessableEntity);

        // Keys are each player's own: another player's deposit under the same key is theirs.
        using var other = Api.NewPlayer();
        var theirs = await CreateAsync(other, "Cash box", "USD");
        await SendAsync(other, $"/api/bankrolls/{theirs}/entries", new { kind = "deposit", amount = 5_000 }, deposit, HttpStatusCode.Created);
        Assert.Equal(5_000, await BankrollCalls.BalanceAsync(other, theirs));
        Assert.Equal(2, (await player.GetNodeAsync($"/api/bankrolls/{roll}/history")).AsArray().Count);
    }

    [Fact]
    public async Task The_same_withdrawal_or_transfer_sent_many_times_at_once_is_booked_once()
    {
        using var player = Api.NewPlayer();
        var (box, savings) = (await CreateAsync(player, "Cash box", "USD"), await CreateAsync(player, "Savings", "USD"));
        await player.PostOkAsync($"/api/bankrolls/{box}/entries", new { kind = "deposit", amount = 100_000 });

        async Task<string[]> AllAtOnce(string path, object body, int times)
        {
            var key = Guid.NewGuid().ToString();
            var answers = await Task.WhenAll(Enumerable.Range(0, times).Select(async _ =>
            {
                using var response = await player.SendAsync(HttpMethod.Post, path, body, key);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
                return text;
            }));
            Assert.Single(answers.Distinct());
            return answers;
        }

        // $600 of $1,000, six times at once: one withdrawal, which six more would not fit.
        await AllAtOnce($"/api/bankrolls/{box}/entries", new { kind = "withdrawal", amount = 60_000 }, 6);
        var legs = JsonNode.Parse((await AllAtOnce("/api/bankrolls/transfers", new { from = box, to = savings, amount = 30_000 }, 6))[0])!.AsArray();
        Assert.Equal(2, legs.Count);
        Assert.Equal(10_000, await BankrollCalls.BalanceAsync(player, box));
        Assert.Equal(30_000, await BankrollCalls.BalanceAsync(player, savings));
        Assert.Equal(3, (await player.GetNodeAsync($"/api/bankrolls/{box}/history")).AsArray().Count);
    }

    [Fact]
    public async Task A_new_bankroll_sent_again_with_its_key_is_made_once_and_gets_the_first_answer_not_a_409_for_its_own_name()
    {
        using var player = Api.NewPlayer();
        var key = Guid.NewGuid().ToString();
        var first = await SendAsync(player, "/api/bankrolls", new { name = "Road trip", currency = "usd", live = true }, key, HttpStatusCode.Created);
        var again = await SendAsync(player, "/api/bankrolls", new { name = " Road trip ", currency = "USD", live = true }, key, HttpStatusCode.Created);
        Assert.Equal(first.ToJsonString(), again.ToJsonString());

        // Many at once (taps on a slow connection): one bankroll.
        var burst = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SendAsync(player, "/api/bankrolls", new { name = "Savings", currency = "EUR" }, burst, HttpStatusCode.Created)));
        Assert.Single(answers.Select(a => a["id"]!.GetValue<string>()).Distinct());
        Assert.Equal(["Road trip", "Savings"], (await player.GetAsync("/api/bankrolls"))["bankrolls"]!.AsArray().Select(b => b!["name"]!.GetValue<string>()).Order());

        // Another request under the key is a 422; the same name under a new key is still a 409.
        await SendAsync(player, "/api/bankrolls", new { name = "Road trip", currency = "GBP" }, key, HttpStatusCode.UnprocessableEntity);
        await SendAsync(player, "/api/bankrolls", new { name = "Road trip", currency = "USD", live = true }, Guid.NewGuid().ToString(), HttpStatusCode.Conflict);
    }

    private static Task<string> CreateAsync(PlayerClient player, string name, string currency) => BankrollCalls.CreateAsync(player, new { name, currency });

    private static async Task<JsonNode> SendAsync(PlayerClient player, string path, object body, string? key, HttpStatusCode expected)
    {
        using var response = await player.SendAsync(HttpMethod.Post, path, body, key);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path} → {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}
