using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using PokerTracker.Contracts.Events;
using Xunit.Abstractions;
using PokerTracker.SharedKernel.Tilt;
using PokerTracker.TestSupport;

namespace PokerTracker.Tilt.Tests;

/// <summary>
/// End to end: sessions posted over HTTP → Kafka → Tilt.Worker → tilt-alerts → Session.Api → the
/// player's live stream.
/// </summary>
[Collection(Engines.Collection)]
public sealed partial class AlertTests(EnginesFixture engines, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Warm = TimeSpan.FromSeconds(45);
    private readonly ApiFactory _api = engines.CreateApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_loss_chasing_session_raises_a_tilt_alert_on_the_players_stream_within_two_seconds()
    {
        using var worker = new TiltWorkerFactory(engines).Start();
        using var player = _api.NewPlayer();
        await WarmUpAsync(player);
        await using var feed = await SseReader.OpenAsync(player.Http, "/api/me/events");

        var (id, lastCommand) = await ChaseLossesAsync(player);
        var alert = await NextAlertAsync(feed, TimeSpan.FromSeconds(10));
        var latency = Stopwatch.GetElapsedTime(lastCommand);
        output.WriteLine($"alert {latency.TotalMilliseconds:F0} ms after the triggering command: {alert.ToJsonString()}");
        Assert.True(latency < TimeSpan.FromSeconds(2), $"took {latency}");
        Assert.Equal(id, alert["sessionId"]!.GetValue<string>());
        Assert.Equal("tilt", alert["kind"]!.GetValue<string>());
        Assert.Equal("model", alert["source"]!.GetValue<string>());
        Assert.Contains(alert["level"]!.GetValue<string>(), new[] { "medium", "high" });
        Assert.NotEmpty(alert["reasons"]!.AsArray());
        Assert.Equal(alert["level"]!.GetValue<string>() == "high" ? "Stop for today: cash out and come back fresh." : "Take a 15-minute break away from the table.",
            alert["recommendation"]!.GetValue<string>());

        var listed = (await player.Http.GetFromJsonArray($"/api/sessions/{id}/alerts"))!;
        Assert.Contains(listed, a => a!["kind"]!.GetValue<string>() == "tilt");
    }

    [Fact]
    public async Task A_calm_session_raises_no_alert()
    {
        using var worker = new TiltWorkerFactory(engines).Start();
        using var player = _api.NewPlayer();
        await WarmUpAsync(player);
        await using var feed = await SseReader.OpenAsync(player.Http, "/api/me/events");
        var start = DateTimeOffset.UtcNow.AddMinutes(-70);
        var id = (await player.StartCashAsync(new
        {
            kind = "cash", game = "NLHE", format = "live", venue = "Aria", currency = "USD",
            stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000, startedAt = start,
        }))["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 21_000, at = start.AddMinutes(25) });
        await player.PostOkAsync($"/api/sessions/{id}/breaks/start", new { at = start.AddMinutes(30) });
        await player.PostOkAsync($"/api/sessions/{id}/breaks/end", new { at = start.AddMinutes(45) });
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 23_500, at = start.AddMinutes(60) });
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 22_800 });
        await WaitForAssessmentAsync(player, id, 7);
        var events = await feed.DrainAsync(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(events, e => e.Event == "TiltAlertRaised");
        var assessment = await player.GetAsync($"/api/sessions/{id}/tilt");
        Assert.Equal("low", assessment["level"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stop_loss_breach_alerts_at_once_and_repeated_breaches_within_the_cool_down_alert_once()
    {
        using var worker = new TiltWorkerFactory(engines).Start();
        using var player = _api.NewPlayer();
        await WarmUpAsync(player);
        using var guards = await player.SendAsync(HttpMethod.Put, "/api/me/guards", new { stopLoss = 15_000, currency = "USD" });
        Assert.Equal(HttpStatusCode.OK, guards.StatusCode);
        await using var feed = await SseReader.OpenAsync(player.Http, "/api/me/events");
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 12_000 });
        var watch = Stopwatch.StartNew();
        var breached = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 4_000, at = breached }); // down 160.00 of a 150.00 stop-loss
        var alert = await NextAlertAsync(feed, TimeSpan.FromSeconds(10));
        output.WriteLine($"stop-loss alert after {watch.ElapsedMilliseconds} ms");
        Assert.Equal("stop-loss", alert["kind"]!.GetValue<string>());
        Assert.Equal(breached, alert["occurredAt"]!.GetValue<DateTimeOffset>()); // the time at the table of the entry it follows
        Assert.Equal("guard", alert["source"]!.GetValue<string>());
        Assert.Contains("160.00", alert["reasons"]![0]!.GetValue<string>());

        for (var i = 0; i < 3; i++)
        {
            await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 3_000 - i * 1_000 });
        }

        await WaitForAssessmentAsync(player, id, 6);
        await Task.Delay(500);
        var alerts = (await player.Http.GetFromJsonArray($"/api/sessions/{id}/alerts"))!;
        Assert.Single(alerts, a => a!["kind"]!.GetValue<string>() == "stop-loss");

        // Down 190.00, the player moves the limit to 195.00 and loses the rest: breaking the limit they
        // set now is news, not a repeat of the first one (it was quiet for 20 minutes).
        using (var moved = await player.SendAsync(HttpMethod.Put, "/api/me/guards", new { stopLoss = 19_500, currency = "USD" }))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 0 });
        JsonObject next;
        do
        {
            next = await NextAlertAsync(feed, TimeSpan.FromSeconds(30));
        }
        while (next["kind"]!.GetValue<string>() != "stop-loss");

        Assert.Contains("past your stop-loss of $195.00", next["reasons"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Each_limit_and_each_value_of_it_is_its_own_breach()
    {
        // Bought in for 200.00 three times and lost it all: down 600.00, three buy-ins.
        var events = TiltFeatureTests.Session((10, TiltFeatureTests.Stack(0)), (11, TiltFeatureTests.Rebuy(20_000)), (20, TiltFeatureTests.Stack(0)),
            (21, TiltFeatureTests.Rebuy(20_000)), (30, TiltFeatureTests.Stack(0)));
        var session = TiltSession.Of(events);
        var now = events[^1].OccurredAt.ToDateTimeOffset();
        var money = new SessionGuards(StopLoss: 50_000, Currency: "USD");
        var byMoney = Assert.Single(GuardEvaluator.Check(session, money, now));
        var byBuyIns = Assert.Single(GuardEvaluator.Check(session, new SessionGuards(StopLossBuyIns: 2), now));
        Assert.EndsWith("past your stop-loss of 2 buy-ins", byBuyIns.Reason, StringComparison.Ordinal);
        var moved = Assert.Single(GuardEvaluator.Check(session, money with { StopLoss = 40_000 }, now));
        Assert.Equal(["stop-loss"], new[] { byMoney.Kind, byBuyIns.Kind, moved.Kind }.Distinct());
        Assert.Equal(3, new[] { byMoney.Cooldown, byBuyIns.Cooldown, moved.Cooldown }.Distinct().Count());
        Assert.Equal(byMoney.Cooldown, Assert.Single(GuardEvaluator.Check(session, money, now.AddMinutes(5))).Cooldown); // the same limit, still broken
    }

    [Fact]
    public void A_tournaments_entry_is_not_a_loss_for_the_stop_loss_and_what_goes_in_after_it_is()
    {
        // $250 + $30 entry against a $250 stop-loss: no alert at the start, one after a $250 rebuy.
        var t0 = DateTimeOffset.UtcNow.AddHours(-1);
        SessionEventEnvelope At(int sequence, int minute, Action<SessionEventEnvelope> set)
        {
            var e = new SessionEventEnvelope
            {
                EventId = Guid.NewGuid().ToString(), SessionId = "0193a000-0000-7000-8000-0000000000bb", UserId = "u", Sequence = sequence,
                OccurredAt = Timestamp.FromDateTimeOffset(t0.AddMinutes(minute)), RecordedAt = Timestamp.FromDateTimeOffset(t0.AddMinutes(minute)), SchemaVersion = 1,
            };
            set(e);
            return e;
        }

        var started = At(1, 0, e => e.SessionStarted = new SessionStarted
        {
            Kind = SessionKind.Tournament, Game = GameType.Nlhe, Format = PlayFormat.Live, Venue = "Aria", Currency = "USD",
            Tournament = new TournamentTerms { BuyIn = 25_000, Fee = 3_000 }, StartedAt = Timestamp.FromDateTimeOffset(t0),
        });
        var guards = new SessionGuards(StopLoss: 25_000, StopLossBuyIns: 1, Currency: "USD");
        var session = TiltSession.Of([started, At(2, 10, e => e.StackUpdated = new StackUpdated { Amount = 3_000 })]);
        Assert.Empty(GuardEvaluator.Check(session, guards, t0.AddMinutes(11)));
        session.Apply(At(3, 20, e => e.BuyInAdded = new BuyInAdded { Kind = BuyInKind.Rebuy, Amount = 25_000 }));
        var breach = Assert.Single(GuardEvaluator.Check(session, guards, t0.AddMinutes(21)));
        Assert.Equal("You have put $250.00 into this tournament beyond its entry, at your stop-loss of $250.00", breach.Reason);

        // A stop-loss in buy-ins is a cash game's: one rebuy of a tournament is not "down 2.1 buy-ins".
        var inBuyIns = TiltSession.Of([started, At(2, 20, e => e.BuyInAdded = new BuyInAdded { Kind = BuyInKind.Rebuy, Amount = 25_000 })]);
        Assert.Empty(GuardEvaluator.Check(inBuyIns, new SessionGuards(StopLoss: 50_000, StopLossBuyIns: 2, Currency: "USD"), t0.AddMinutes(21)));
        Assert.Empty(GuardEvaluator.Check(inBuyIns, new SessionGuards(StopLossBuyIns: 1), t0.AddMinutes(21)));
    }

    [Fact]
    public void A_stop_loss_in_buy_ins_says_how_far_past_it_when_rounding_would_hide_it()
    {
        // Bought in for $200 twice, $94 left: down $306, 1.53 buy-ins, past a stop-loss of 1.5.
        var events = TiltFeatureTests.Session((10, TiltFeatureTests.Rebuy(20_000)), (20, TiltFeatureTests.Stack(9_400)));
        var session = TiltSession.Of(events);
        Assert.Equal(-30_600, session.State.NetResult);
        var breach = Assert.Single(GuardEvaluator.Check(session, new SessionGuards(StopLossBuyIns: 1.5), events[^1].OccurredAt.ToDateTimeOffset()));
        Assert.Equal("You are down 1.53 buy-ins, past your stop-loss of 1.5 buy-ins", breach.Reason);
    }

    [Fact]
    public async Task Without_the_model_alerts_still_come_from_the_rules_and_health_says_degraded()
    {
        using var worker = new TiltWorkerFactory(engines, modelPath: "/nonexistent/tilt-model.onnx").Start();
        var health = JsonNode.Parse(await worker.CreateClient().GetStringAsync("/health"))!;
        Assert.Equal("degraded", health["status"]!.GetValue<string>());
        Assert.Equal("missing", health["dependencies"]!["model"]!.GetValue<string>());

        using var player = _api.NewPlayer();
        await WarmUpAsync(player);
        await using var feed = await SseReader.OpenAsync(player.Http, "/api/me/events");
        await ChaseLossesAsync(player);
        var alert = await NextAlertAsync(feed, TimeSpan.FromSeconds(10));
        Assert.Equal("tilt", alert["kind"]!.GetValue<string>());
        Assert.Equal("rules", alert["source"]!.GetValue<string>());
    }

    /// <summary>Rebuys in quick succession at rising amounts after big hits: the classic chase.</summary>
    private static async Task<(string Id, long LastCommand)> ChaseLossesAsync(PlayerClient player)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-100);
        var id = (await player.StartCashAsync(new
        {
            kind = "cash", game = "NLHE", format = "live", venue = "Bellagio", currency = "USD",
            stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000, startedAt = start,
        }))["id"]!.GetValue<string>();
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 16_000, at = start.AddMinutes(20) });
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 0, at = start.AddMinutes(40) });
        await player.PostOkAsync($"/api/sessions/{id}/buy-ins", new { kind = "rebuy", amount = 30_000, at = start.AddMinutes(42) });
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 30_000, at = start.AddMinutes(42.5) });
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 2_000, at = start.AddMinutes(70) });
        await player.PostOkAsync($"/api/sessions/{id}/buy-ins", new { kind = "rebuy", amount = 50_000, at = start.AddMinutes(72) });
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 52_000, at = start.AddMinutes(72.5) });
        var last = Stopwatch.GetTimestamp();
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 6_000, at = start.AddMinutes(95) });
        return (id, last);
    }

    /// <summary>Consumer groups join once per worker: run one session through first so timing is measured warm.</summary>
    private async Task WarmUpAsync(PlayerClient player)
    {
        var id = (await player.StartCashAsync(new
        {
            kind = "cash", game = "NLHE", format = "live", venue = "Warm-up", currency = "USD",
            stakes = new { smallBlind = 100, bigBlind = 200 }, buyIn = 20_000, startedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        }))["id"]!.GetValue<string>();
        await WaitForAssessmentAsync(player, id, 2, Warm);
        await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut = 20_000 });
    }

    private static async Task WaitForAssessmentAsync(PlayerClient player, string id, long sequence, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            using var response = await player.Http.GetAsync($"/api/sessions/{id}/tilt");
            if (response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(await response.Content.ReadAsStringAsync())!["sequence"]!.GetValue<long>() >= sequence)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no assessment of {id} up to event {sequence}");
    }

    private static async Task<JsonObject> NextAlertAsync(SseReader feed, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var e = await feed.NextAsync(deadline - DateTime.UtcNow);
            if (e.Event == "TiltAlertRaised")
            {
                return JsonNode.Parse(e.Data)!.AsObject();
            }
        }

        throw new TimeoutException("no alert");
    }
}

internal static class HttpArrayExtensions
{
    public static async Task<JsonArray?> GetFromJsonArray(this HttpClient http, string path) => JsonNode.Parse(await http.GetStringAsync(path))?.AsArray();
}
