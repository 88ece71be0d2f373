using System.Net;
using System.Text.Json.Nodes;
using PokerTracker.SessionApi.Bankrolls;
using PokerTracker.SessionApi.Statistics;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>The bankroll ledger: several bankrolls in their currencies, deposits, withdrawals, transfers, sessions booked, and the risk of ruin from what they hold.</summary>
[Collection(Engines.Collection)]
public sealed class BankrollTests(EnginesFixture engines) : PipelineTest(engines)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sessions_go_to_the_chosen_bankroll_else_the_default_for_their_kind_of_play_in_their_currency()
    {
        var live = new Bankroll(Guid.NewGuid(), "Live USD", "USD", Live: true, Online: false, T0);
        var online = new Bankroll(Guid.NewGuid(), "Online USD", "USD", Live: false, Online: true, T0.AddDays(1));
        var savings = new Bankroll(Guid.NewGuid(), "Savings", "USD", false, false, T0.AddDays(2));
        var all = new[] { live, online, savings };
        SessionResult Session(string format, string currency, long net, int day) => new(Guid.NewGuid(), "cash", "NLHE", format, "100/200", 200, "Aria", currency, [],
            T0.AddDays(day), T0.AddDays(day).AddHours(4), 14_400, net, 20_000, null, null, null, null, TimeZone: "Europe/Madrid");
        var (a, b, c, d) = (Session("live", "USD", 5_000, 3), Session("online", "USD", -2_000, 4), Session("live", "EUR", 9_000, 5), Session("live", "USD", 1_000, 6));
        var bookings = new Dictionary<Guid, Guid> { [d.Id] = savings.Id, [c.Id] = savings.Id }; // c is in EUR: the choice cannot hold
        LedgerEntry[] entries =
        [
            new(Guid.NewGuid(), live.Id, LedgerEntry.Deposit, 100_000, T0, null, null),
            new(Guid.NewGuid(), live.Id, LedgerEntry.TransferOut, 30_000, T0.AddDays(7), null, Guid.NewGuid()),
            new(Guid.NewGuid(), savings.Id, LedgerEntry.TransferIn, 30_000, T0.AddDays(7), null, Guid.NewGuid()),
            new(Guid.NewGuid(), online.Id, LedgerEntry.Withdrawal, 500, T0.AddDays(8), null, null),
        ];

        var view = BankrollLedger.Summarize(all, entries, [a, b, c, d], bookings);
        Assert.Equal([100_000 + 5_000 - 30_000, -2_000 - 500, 1_000 + 30_000], view.Bankrolls.Select(x => x.Balance));
        Assert.Equal([1, 1, 1], view.Bankrolls.Select(x => x.Sessions));
        Assert.Equal(1, view.UnbookedSessions); // the EUR session: no EUR bankroll

        var history = BankrollLedger.History(live, all, entries, [a, b, c, d], bookings);
        Assert.Equal(["deposit", "session", "transfer-out"], history.Select(p => p.Kind));
        Assert.Equal([100_000L, 105_000L, 75_000L], history.Select(p => p.Balance));
        // A session's change is at its end; it is listed under its start, on its table's clock.
        Assert.Equal((a.EndedAt, a.StartedAt, "Europe/Madrid"), (history[1].At, history[1].SessionStartedAt, history[1].TimeZone));
        Assert.Equal((null, null), (history[0].SessionStartedAt, history[0].TimeZone));
    }

    [Fact]
    public async Task A_player_keeps_bankrolls_moves_money_between_them_and_the_risk_of_ruin_uses_what_they_hold()
    {
        using var player = Api.NewPlayer();
        var live = await CreateAsync(player, new { name = "Live USD", currency = "USD", live = true });
        var savings = await CreateAsync(player, new { name = "Savings USD", currency = "USD" });
        var euros = await CreateAsync(player, new { name = "Online EUR", currency = "EUR", online = true });
        using (var same = await player.SendAsync(HttpMethod.Post, "/api/bankrolls", new { name = "live usd", currency = "USD" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        }

        await player.PostOkAsync($"/api/bankrolls/{live}/entries", new { kind = "deposit", amount = 200_000, note = "from savings account" });
        await Expect(player, HttpMethod.Post, $"/api/bankrolls/{live}/entries", new { kind = "deposit", amount = 0 }, HttpStatusCode.BadRequest);
        await Expect(player, HttpMethod.Post, $"/api/bankrolls/{live}/entries", new { kind = "bonus", amount = 100 }, HttpStatusCode.BadRequest);
        await Expect(player, HttpMethod.Post, $"/api/bankrolls/{Guid.NewGuid()}/entries", new { kind = "deposit", amount = 100 }, HttpStatusCode.NotFound);

        await Pipeline.PlayCashAsync(player, 20_000, 35_000);
        await Pipeline.PlayCashAsync(player, 20_000, 12_000);
        await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 2, Join);

        using (var moved = await player.SendAsync(HttpMethod.Post, "/api/bankrolls/transfers", new { from = live, to = savings, amount = 50_000 }))
        {
            Assert.Equal(HttpStatusCode.Created, moved.StatusCode); // as a deposit is
            Assert.StartsWith($"/api/bankrolls/{live}/entries/", moved.Headers.Location?.ToString(), StringComparison.Ordinal);
        }

        await Expect(player, HttpMethod.Post, "/api/bankrolls/transfers", new { from = live, to = euros, amount = 10_000 }, HttpStatusCode.BadRequest); // how much arrived in EUR?
        var exchange = (await player.PostNodeAsync("/api/bankrolls/transfers", new { from = live, to = euros, amount = 10_000, received = 9_200 })).AsArray();
        Assert.Equal([10_000L, 9_200L], exchange.Select(e => e!["amount"]!.GetValue<long>()));

        var view = await player.GetAsync("/api/bankrolls");
        long Balance(string id) => view["bankrolls"]!.AsArray().Single(b => b!["id"]!.GetValue<string>() == id)!["balance"]!.GetValue<long>();
        Assert.Equal(200_000 + 15_000 - 8_000 - 50_000 - 10_000, Balance(live));
        Assert.Equal(50_000, Balance(savings));
        Assert.Equal(9_200, Balance(euros));
        Assert.Equal(0, view["unbookedSessions"]!.GetValue<int>());

        // Money leaves a bankroll only if it holds it.
        using (var overdrawn = await player.SendAsync(HttpMethod.Post, $"/api/bankrolls/{savings}/entries", new { kind = "withdrawal", amount = 50_001 }))
        {
            Assert.Equal(HttpStatusCode.Conflict, overdrawn.StatusCode);
            Assert.Contains("Savings USD holds $500.00; you cannot withdraw $500.01", await overdrawn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await Expect(player, HttpMethod.Post, "/api/bankrolls/transfers", new { from = euros, to = live, amount = 9_201, received = 10_000 }, HttpStatusCode.Conflict);
        Assert.Equal(9_200, (await player.GetAsync("/api/bankrolls"))["bankrolls"]!.AsArray().Single(b => b!["id"]!.GetValue<string>() == euros)!["balance"]!.GetValue<long>());

        // Nor does removing an entry leave a bankroll holding less than nothing: the money it paid for goes first.
        var spent = (await player.PostNodeAsync($"/api/bankrolls/{euros}/entries", new { kind = "withdrawal", amount = 5_000 }))["id"]!.GetValue<string>();
        using (var removal = await player.SendAsync(HttpMethod.Delete, $"/api/bankrolls/{euros}/entries/{exchange[1]!["id"]}", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, removal.StatusCode);
            Assert.Contains("would hold −€50.00", JsonNode.Parse(await removal.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        using (var removal = await player.SendAsync(HttpMethod.Delete, $"/api/bankrolls/{euros}/entries/{spent}", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, removal.StatusCode);
        }

        using (var huge = await player.SendAsync(HttpMethod.Post, $"/api/bankrolls/{savings}/entries", new { kind = "deposit", amount = 1_000_000_000_001 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
            var said = await huge.Content.ReadAsStringAsync();
            Assert.Contains("Must be at most $10,000,000,000.00", said, StringComparison.Ordinal);
            Assert.DoesNotContain("minor units", said, StringComparison.Ordinal);
        }

        // One bankroll per currency takes the live sessions: a second would never get one.
        await Expect(player, HttpMethod.Post, "/api/bankrolls", new { name = "Second live", currency = "USD", live = true }, HttpStatusCode.Conflict);
        await Expect(player, HttpMethod.Patch, $"/api/bankrolls/{savings}", new { live = true }, HttpStatusCode.Conflict);
        Assert.Equal(3, (await player.GetAsync("/api/bankrolls"))["bankrolls"]!.AsArray().Count);

        var history = (await player.GetNodeAsync($"/api/bankrolls/{live}/history")).AsArray();
        Assert.Equal(["deposit", "session", "session", "transfer-out", "transfer-out"], history.Select(p => p!["kind"]!.GetValue<string>()));
        Assert.Equal(Balance(live), history[^1]!["balance"]!.GetValue<long>());

        // With no bankroll given, the risk of ruin is that of what the USD bankrolls hold now.
        var stats = (await Pipeline.WaitForStatsAsync(player, s => s["risk"] is not null, Join)).Stats;
        Assert.Equal("bankrolls", stats["risk"]!["source"]!.GetValue<string>());
        Assert.Equal(Balance(live) + Balance(savings), stats["risk"]!["bankroll"]!.GetValue<long>());
        Assert.Equal("given", (await player.GetAsync("/api/stats?bankroll=100000"))["risk"]!["source"]!.GetValue<string>());

        // A mistaken transfer is removed as a whole.
        var outLeg = exchange[0]!["id"]!.GetValue<string>();
        using (var removed = await player.SendAsync(HttpMethod.Delete, $"/api/bankrolls/{live}/entries/{outLeg}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        view = await player.GetAsync("/api/bankrolls");
        Assert.Equal(0, Balance(euros));

        // A session booked elsewhere by hand; a bankroll in another currency cannot take it.
        var session = (await player.GetAsync("/api/sessions?limit=1"))["items"]![0]!["id"]!.GetValue<string>();
        await Expect(player, HttpMethod.Put, $"/api/sessions/{session}/bankroll", new { bankrollId = euros }, HttpStatusCode.BadRequest);
        await Expect(player, HttpMethod.Put, $"/api/sessions/{session}/bankroll", new { bankrollId = savings }, HttpStatusCode.NoContent);
        var booked = (await player.GetAsync("/api/bankrolls"))["bankrolls"]!.AsArray().Single(b => b!["id"]!.GetValue<string>() == savings)!;
        Assert.Equal(1, booked["sessions"]!.GetValue<int>());

        using var stranger = Api.NewPlayer();
        await Expect(stranger, HttpMethod.Get, $"/api/bankrolls/{live}/history", null, HttpStatusCode.NotFound);
        Assert.Empty((await stranger.GetAsync("/api/bankrolls"))["bankrolls"]!.AsArray());

        // Savings holds a transfer: it cannot go, or a record would be lost with it.
        await Expect(stranger, HttpMethod.Delete, $"/api/bankrolls/{savings}", null, HttpStatusCode.NotFound);
        using (var refused = await player.SendAsync(HttpMethod.Delete, $"/api/bankrolls/{savings}"))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("1 ledger entry", await refused.Content.ReadAsStringAsync());
        }

        // Once its transfer is removed it goes, and its hand-booked session returns to the live default.
        var transferIn = (await player.GetNodeAsync($"/api/bankrolls/{savings}/history")).AsArray()
            .First(p => p!["kind"]!.GetValue<string>() == LedgerEntry.TransferIn)!["entryId"]!.GetValue<string>();
        await Expect(player, HttpMethod.Delete, $"/api/bankrolls/{savings}/entries/{transferIn}", null, HttpStatusCode.NoContent);
        await Expect(player, HttpMethod.Delete, $"/api/bankrolls/{savings}", null, HttpStatusCode.NoContent);
        await Expect(player, HttpMethod.Delete, $"/api/bankrolls/{savings}", null, HttpStatusCode.NotFound);
        view = await player.GetAsync("/api/bankrolls");
        Assert.DoesNotContain(view["bankrolls"]!.AsArray(), b => b!["id"]!.GetValue<string>() == savings);
        Assert.Equal(2, view["bankrolls"]!.AsArray().Single(b => b!["id"]!.GetValue<string>() == live)!["sessions"]!.GetValue<int>());
    }

    [Fact]
    public async Task Withdrawals_sent_at_the_same_moment_never_take_more_than_the_bankroll_holds()
    {
        using var player = Api.NewPlayer();
        var roll = await CreateAsync(player, new { name = "Cash box", currency = "USD" });
        await player.PostOkAsync($"/api/bankrolls/{roll}/entries", new { kind = "deposit", amount = 50_000 });

        // Eight taps of "withdraw $200" from two phones at once, against $500: two fit.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await player.SendAsync(HttpMethod.Post, $"/api/bankrolls/{roll}/entries", new { kind = "withdrawal", amount = 20_000 });
            return response.StatusCode;
        }));
        Assert.Equal(2, answers.Count(a => a == HttpStatusCode.Created || a == HttpStatusCode.OK));
        Assert.Equal(6, answers.Count(a => a == HttpStatusCode.Conflict));
        Assert.Equal(10_000, (await player.GetAsync("/api/bankrolls"))["bankrolls"]![0]!["balance"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_deposit_goes_when_the_bankrolls_winnings_paid_for_what_was_taken_out()
    {
        using var player = Api.NewPlayer();
        var live = await CreateAsync(player, new { name = "Live USD", currency = "USD", live = true });
        await Pipeline.PlayCashAsync(player, 20_000, 70_000); // +$500 at the table
        await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 1, Join);
        var deposit = (await player.PostNodeAsync($"/api/bankrolls/{live}/entries", new { kind = "deposit", amount = 10_000 }))["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/bankrolls/{live}/entries", new { kind = "withdrawal", amount = 40_000 });

        await Expect(player, HttpMethod.Delete, $"/api/bankrolls/{live}/entries/{deposit}", null, HttpStatusCode.NoContent);
        var balance = (await player.GetAsync("/api/bankrolls"))["bankrolls"]![0]!["balance"]!.GetValue<long>();
        Assert.Equal(50_000 - 40_000, balance);
    }

    [Fact]
    public async Task A_withdrawal_dated_in_the_past_is_checked_against_what_the_bankroll_held_then_and_every_withdrawal_after_it()
    {
        using var player = Api.NewPlayer();
        var roll = await CreateAsync(player, new { name = "Cash box", currency = "USD" });
        var now = DateTimeOffset.UtcNow;
        DateTimeOffset Day(int daysAgo) => now.AddDays(-daysAgo);
        string Date(int daysAgo) => Day(daysAgo).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        async Task<string> Entry(string kind, long amount, int daysAgo) =>
            (await player.PostNodeAsync($"/api/bankrolls/{roll}/entries", new { kind, amount, at = Day(daysAgo) }))["id"]!.GetValue<string>();
        async Task Refused(HttpMethod method, string path, object? body, string said)
        {
            using var response = await player.SendAsync(method, path, body);
            var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
            Assert.True(response.StatusCode == HttpStatusCode.Conflict && detail.Contains(said, StringComparison.Ordinal), $"{(int)response.StatusCode}: {detail}");
        }

        var first = await Entry("deposit", 100_000, 30);
        await Entry("withdrawal", 60_000, 10);
        var last = await Entry("deposit", 100_000, 1); // holds $1,400 now

        // $500 out 20 days ago fits what it held then ($1,000), but leaves the $600 taken 10 days ago without it.
        await Refused(HttpMethod.Post, $"/api/bankrolls/{roll}/entries", new { kind = "withdrawal", amount = 50_000, at = Day(20) },
            $"Cash box would hold −$100.00 after the withdrawal of $600.00 on {Date(10)}");
        // $1,200 out 25 days ago is less than it holds now, and more than it held then.
        await Refused(HttpMethod.Post, $"/api/bankrolls/{roll}/entries", new { kind = "withdrawal", amount = 120_000, at = Day(25) },
            $"On {Date(25)} Cash box held $1,000.00; you cannot withdraw $1,200.00 from it then");
        await Refused(HttpMethod.Post, "/api/bankrolls/transfers", new { from = roll, to = await CreateAsync(player, new { name = "Savings", currency = "USD" }), amount = 120_000, at = Day(25) },
            "you cannot transfer $1,200.00 from it then");
        await Entry("withdrawal", 30_000, 20);

        // The first deposit paid for both withdrawals; the last paid for none.
        await Refused(HttpMethod.Delete, $"/api/bankrolls/{roll}/entries/{first}", null, $"Without this entry Cash box would hold −$300.00 after the withdrawal of $300.00 on {Date(20)}");
        await Expect(player, HttpMethod.Delete, $"/api/bankrolls/{roll}/entries/{last}", null, HttpStatusCode.NoContent);
        var history = (await player.GetNodeAsync($"/api/bankrolls/{roll}/history")).AsArray();
        Assert.Equal([100_000L, 70_000L, 10_000L], history.Select(p => p!["balance"]!.GetValue<long>()));
    }

    private static Task<string> CreateAsync(PlayerClient player, object body) => BankrollCalls.CreateAsync(player, body);

    private static async Task Expect(PlayerClient player, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var response = await player.SendAsync(method, path, body);
        Assert.True(response.StatusCode == expected, $"{method} {path} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
