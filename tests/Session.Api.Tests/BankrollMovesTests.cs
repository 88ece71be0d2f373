using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PokerTracker.SessionApi.Bankrolls;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>
/// What moves money between bankrolls without a ledger entry (a session booked elsewhere, a default
/// changed, a bankroll deleted) keeps the ledger's promise: money taken out never comes to more than
/// a bankroll held, and nothing recorded lands in a bankroll that is gone.
/// </summary>
[Collection(Engines.Collection)]
public sealed class BankrollMovesTests(EnginesFixture engines) : PipelineTest(engines)
{
    [Fact]
    public async Task Winnings_that_paid_for_a_withdrawal_stay_with_it_until_the_withdrawal_goes()
    {
        using var player = Api.NewPlayer();
        var live = await BankrollCalls.CreateAsync(player, new { name = "Live USD", currency = "USD", live = true });
        var savings = await BankrollCalls.CreateAsync(player, new { name = "Savings USD", currency = "USD" });
        var session = (await Pipeline.PlayCashAsync(player, 20_000, 120_000))["id"]!.GetValue<string>(); // +$1,000, to Live USD
        await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 1, Join);
        var withdrawal = (await player.PostNodeAsync($"/api/bankrolls/{live}/entries", new { kind = "withdrawal", amount = 100_000 }))["id"]!.GetValue<string>();

        var said = "Live USD would hold −$1,000.00 after the withdrawal of $1,000.00";
        await Refused(player, HttpMethod.Put, $"/api/sessions/{session}/bankroll", new { bankrollId = savings }, said);
        await Refused(player, HttpMethod.Patch, $"/api/bankrolls/{live}", new { live = false }, said);
        Assert.Equal((0L, 0L), (await BankrollCalls.BalanceAsync(player, live), await BankrollCalls.BalanceAsync(player, savings)));
        using (var renamed = await player.SendAsync(HttpMethod.Patch, $"/api/bankrolls/{live}", new { name = "Live" }))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode); // a new name moves no money
        }

        using (var removed = await player.SendAsync(HttpMethod.Delete, $"/api/bankrolls/{live}/entries/{withdrawal}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using (var booked = await player.SendAsync(HttpMethod.Put, $"/api/sessions/{session}/bankroll", new { bankrollId = savings }))
        {
            Assert.Equal(HttpStatusCode.NoContent, booked.StatusCode);
        }

        Assert.Equal((0L, 100_000L), (await BankrollCalls.BalanceAsync(player, live), await BankrollCalls.BalanceAsync(player, savings)));
    }

    [Fact]
    public async Task A_player_with_no_bankroll_yet_is_told_how_many_ended_sessions_are_in_none()
    {
        using var player = Api.NewPlayer();
        await Pipeline.PlayCashAsync(player, 20_000, 35_000);
        await Pipeline.PlayCashAsync(player, 20_000, 12_000);
        await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 2, Join);
        var view = await player.GetAsync("/api/bankrolls");
        Assert.Empty(view["bankrolls"]!.AsArray());
        Assert.Equal(2, view["unbookedSessions"]!.GetValue<int>());

        await BankrollCalls.CreateAsync(player, new { name = "Live USD", currency = "USD", live = true });
        Assert.Equal(0, (await player.GetAsync("/api/bankrolls"))["unbookedSessions"]!.GetValue<int>());
    }

    [Fact]
    public async Task Two_devices_making_the_live_bankroll_of_a_currency_at_once_get_one_of_it()
    {
        using var player = Api.NewPlayer();
        foreach (var currency in new[] { "USD", "EUR", "GBP", "CAD" })
        {
            var made = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
            {
                using var response = await player.SendAsync(HttpMethod.Post, "/api/bankrolls", new { name = $"Live {currency} {i}", currency, live = true });
                return response.StatusCode;
            }));
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict], made.Order());
        }

        var live = (await player.GetAsync("/api/bankrolls"))["bankrolls"]!.AsArray().Where(b => b!["live"]!.GetValue<bool>());
        Assert.Equal(["CAD", "EUR", "GBP", "USD"], live.Select(b => b!["currency"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task A_rename_sent_with_the_deletion_never_brings_the_bankroll_back()
    {
        using var player = Api.NewPlayer();
        for (var round = 0; round < 5; round++)
        {
            var roll = await BankrollCalls.CreateAsync(player, new { name = $"Trip {round}", currency = "USD" });
            var renames = Enumerable.Range(0, 4).Select(async i =>
            {
                using var response = await player.SendAsync(HttpMethod.Patch, $"/api/bankrolls/{roll}", new { name = $"Trip {round}.{i}" });
                return response.StatusCode;
            }).ToList();
            using var deleted = await player.SendAsync(HttpMethod.Delete, $"/api/bankrolls/{roll}");
            var answers = await Task.WhenAll(renames);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.All(answers, a => Assert.Contains(a, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound }));
            Assert.DoesNotContain((await player.GetAsync("/api/bankrolls"))["bankrolls"]!.AsArray(), b => b!["id"]!.GetValue<string>() == roll);
        }

        // The moment itself, made to happen: a change read before the deletion and saved after it is refused, not written back.
        var store = Api.Services.GetRequiredService<BankrollStore>();
        var kept = await BankrollCalls.CreateAsync(player, new { name = "Kept", currency = "USD" });
        var read = (await store.BankrollsAsync(player.UserId)).Single(b => b.Id == Guid.Parse(kept));
        using (var deleted = await player.SendAsync(HttpMethod.Delete, $"/api/bankrolls/{kept}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.False(await store.SaveBankrollAsync(player.UserId, read with { Name = "Back" }, isNew: false));
        Assert.Empty(await store.BankrollsAsync(player.UserId));
    }

    [Fact]
    public async Task An_entry_never_lands_in_a_bankroll_deleted_meanwhile()
    {
        using var player = Api.NewPlayer();
        var store = Api.Services.GetRequiredService<BankrollStore>();
        var gone = new LedgerEntry(Guid.CreateVersion7(), Guid.NewGuid(), LedgerEntry.Deposit, 1_000, DateTimeOffset.UtcNow, null, null);
        Assert.False(await store.AddEntriesAsync(player.UserId, null, gone));
        Assert.Empty(await store.EntriesAsync(player.UserId));

        // Deposits and the deletion of their bankroll sent at once: each deposit answered 201 is in a bankroll still there.
        for (var round = 0; round < 5; round++)
        {
            var roll = await BankrollCalls.CreateAsync(player, new { name = $"Pot {round}", currency = "USD" });
            var deposits = Enumerable.Range(0, 4).Select(async _ =>
            {
                using var response = await player.SendAsync(HttpMethod.Post, $"/api/bankrolls/{roll}/entries", new { kind = "deposit", amount = 1_000 });
                return response.StatusCode;
            }).ToList();
            using var deleted = await player.SendAsync(HttpMethod.Delete, $"/api/bankrolls/{roll}");
            var answers = await Task.WhenAll(deposits);
            Assert.All(answers, a => Assert.Contains(a, new[] { HttpStatusCode.Created, HttpStatusCode.NotFound }));
            var view = await player.GetAsync("/api/bankrolls");
            var kept = view["bankrolls"]!.AsArray().Any(b => b!["id"]!.GetValue<string>() == roll);
            Assert.Equal(kept, deleted.StatusCode != HttpStatusCode.NoContent);
            var visible = kept ? (await player.GetNodeAsync($"/api/bankrolls/{roll}/history")).AsArray().Count : 0;
            Assert.Equal(answers.Count(a => a == HttpStatusCode.Created), visible);
        }

        var shown = 0;
        foreach (var b in (await player.GetAsync("/api/bankrolls"))["bankrolls"]!.AsArray())
        {
            shown += (await player.GetNodeAsync($"/api/bankrolls/{b!["id"]!.GetValue<string>()}/history")).AsArray().Count;
        }

        Assert.Equal(shown, (await store.EntriesAsync(player.UserId)).Count); // no entry that nobody can see
    }

    private static async Task Refused(PlayerClient player, HttpMethod method, string path, object body, string said)
    {
        using var response = await player.SendAsync(method, path, body);
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())?["detail"]?.GetValue<string>() ?? "";
        Assert.True(response.StatusCode == HttpStatusCode.Conflict && detail.Contains(said, StringComparison.Ordinal), $"{method} {path} → {(int)response.StatusCode}: {detail}");
    }
}
