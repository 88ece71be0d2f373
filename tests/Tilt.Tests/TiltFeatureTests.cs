using Google.Protobuf.WellKnownTypes;
using PokerTracker.Contracts.Events;
using PokerTracker.SharedKernel.Tilt;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.Tilt.Tests;

/// <summary>The shared feature extractor and the rule-based assessor, by hand.</summary>
public sealed class TiltFeatureTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 20, 0, 0, TimeSpan.Zero);

    internal static List<SessionEventEnvelope> Session(params (int Minute, Action<SessionEventEnvelope> Set)[] steps)
    {
        var events = new List<SessionEventEnvelope>();
        void Add(int minute, Action<SessionEventEnvelope> set)
        {
            var e = new SessionEventEnvelope
            {
                EventId = Guid.NewGuid().ToString(), SessionId = "0193a000-0000-7000-8000-0000000000aa", UserId = "u", Sequence = events.Count + 1,
                OccurredAt = Timestamp.FromDateTimeOffset(T0.AddMinutes(minute)), RecordedAt = Timestamp.FromDateTimeOffset(T0.AddMinutes(minute)), SchemaVersion = 1,
            };
            set(e);
            events.Add(e);
        }

        Add(0, e => e.SessionStarted = new SessionStarted
        {
            Kind = SessionKind.Cash, Game = GameType.Nlhe, Format = PlayFormat.Live, Venue = "Aria", Currency = "USD",
            Stakes = new CashStakes { SmallBlind = 100, BigBlind = 200 }, StartedAt = Timestamp.FromDateTimeOffset(T0),
        });
        Add(0, e => e.BuyInAdded = new BuyInAdded { Kind = BuyInKind.Initial, Amount = 20_000 });
        foreach (var (minute, set) in steps)
        {
            Add(minute, set);
        }

        return events;
    }

    internal static Action<SessionEventEnvelope> Stack(long amount) => e => e.StackUpdated = new StackUpdated { Amount = amount };

    internal static Action<SessionEventEnvelope> Rebuy(long amount) => e => e.BuyInAdded = new BuyInAdded { Kind = BuyInKind.Rebuy, Amount = amount };

    internal static Action<SessionEventEnvelope> AddOn(long amount) => e => e.BuyInAdded = new BuyInAdded { Kind = BuyInKind.AddOn, Amount = amount };

    /// <summary>Up 200.00 and topping up to cover a big stack is not chasing losses; a rebuy, or an add-on while behind, is.</summary>
    [Fact]
    public void An_add_on_while_ahead_is_not_a_rebuy_but_a_rebuy_or_an_add_on_while_behind_is()
    {
        var baseline = new PlayerBaseline(10, 0, 0);
        var toppedUp = TiltFeatures.Extract(Session((90, Stack(40_000)), (91, AddOn(40_000))), baseline);
        Assert.Equal([0f, 1f], new[] { toppedUp[1], toppedUp[2] }); // no rebuy in the last hour, no escalation
        Assert.Equal(1f, toppedUp[3]);                              // still up one buy-in: the chips joined the stack

        var rebought = TiltFeatures.Extract(Session((90, Stack(40_000)), (91, Rebuy(40_000))), baseline);
        Assert.Equal([1f, 2f], new[] { rebought[1], rebought[2] });
        var behind = TiltFeatures.Extract(Session((90, Stack(5_000)), (91, AddOn(40_000))), baseline);
        Assert.Equal([1f, 2f], new[] { behind[1], behind[2] });
    }

    [Fact]
    public void Features_of_a_losing_session_with_a_rebuy_computed_by_hand()
    {
        var events = Session((30, Stack(15_000)), (60, Stack(0)), (62, Rebuy(30_000)), (80, Stack(10_000)));
        var f = TiltFeatures.Extract(events, new PlayerBaseline(10, 0.5, 2));

        float[] expected =
        [
            18,      // minutes since the rebuy at 21:02
            1,       // rebuys in the last hour
            1.5f,    // 30,000 / 20,000
            -2.0f,   // (10,000 − 50,000) / 20,000
            2.0f,    // peak 0 (the buy-in: the stack only fell since) − now −2.0
            80 / 60f,
            21,      // 21:20 UTC
            0,
            80,      // minutes without a break (since the start)
            0.125f,  // swings −0.75 and −1.0: standard deviation 0.125
            -1.0f,   // the last swing
            -2.5f,   // −2.0 against a usual +0.5
            2,
        ];
        Assert.Equal(TiltFeatures.Count, f.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - f[i]) < 1e-5, $"{TiltFeatures.Names[i]}: expected {expected[i]}, got {f[i]}");
        }
    }

    [Fact]
    public void A_tournaments_chips_are_not_money_its_rebuys_are()
    {
        var events = Session((30, Stack(25_000)), (60, Stack(4_000)), (61, Rebuy(11_000)), (70, Stack(20_000)));
        events[0].SessionStarted.Kind = SessionKind.Tournament;
        events[0].SessionStarted.Stakes = null;
        events[0].SessionStarted.Tournament = new TournamentTerms { BuyIn = 10_000, Fee = 1_000 };
        Stack(20_000)(events[1]); // the starting chips, in place of a cash game's buy-in
        var f = TiltFeatures.Extract(events, PlayerBaseline.None);

        Assert.Equal(1f, f[2]);  // the rebuy is the entry's size
        Assert.Equal(-1f, f[3]); // one more entry at risk: (22,000 − 11,000) / 11,000, whatever the chips
        Assert.Equal([0f, 0f, 0f], new[] { f[4], f[9], f[10] }); // chips give no drawdown, volatility or swing in money
    }

    [Fact]
    public void A_tournaments_entry_is_not_a_fall_from_its_best_point_a_rebuy_is()
    {
        var events = Session((30, Stack(25_000)), (60, Stack(4_000)), (61, Rebuy(11_000)));
        events[0].SessionStarted.Kind = SessionKind.Tournament;
        events[0].SessionStarted.Stakes = null;
        events[0].SessionStarted.Tournament = new TournamentTerms { BuyIn = 10_000, Fee = 1_000 };
        Stack(20_000)(events[1]); // the starting chips
        var guards = new SessionGuards(MaxDrawdown: 10_000);

        // Down the $110.00 entry from the start, but never below a best point: chips are not money.
        Assert.Empty(GuardEvaluator.Check(events[..4], guards, T0.AddMinutes(60)));
        Assert.Equal("You are $110.00 below your best point this session (limit $100.00)",
            Assert.Single(GuardEvaluator.Check(events, guards, T0.AddMinutes(61))).Reason);
    }

    [Fact]
    public void A_rebuy_in_a_cash_game_is_not_a_loss_for_the_features_or_the_guards()
    {
        var events = Session((30, Stack(26_000)), (40, Rebuy(20_000)));
        var f = TiltFeatures.Extract(events, PlayerBaseline.None);
        Assert.Equal(0.3f, f[3], 5); // still +60 on a 200 buy-in: (26,000 − 20,000) / 20,000
        Assert.Equal(0, f[4], 5);    // no drawdown either

        var guards = new SessionGuards(StopLoss: 5_000, MaxDrawdown: 5_000);
        Assert.Empty(GuardEvaluator.Check(events, guards, T0.AddMinutes(41)));
    }

    [Fact]
    public void A_limit_alert_gives_amounts_in_the_sessions_currency()
    {
        var dollars = Session((30, Stack(14_950)));
        Assert.Equal("You are down $50.50, past your stop-loss of $50.00",
            Assert.Single(GuardEvaluator.Check(dollars, new SessionGuards(StopLoss: 5_000), T0.AddMinutes(31))).Reason);

        var yen = Session((30, Stack(15_000)));
        yen[0].SessionStarted.Currency = "JPY"; // minor units are yen: bought in for ¥20,000
        Assert.Equal("You are down ¥5,000, past your stop-loss of ¥4,000",
            Assert.Single(GuardEvaluator.Check(yen, new SessionGuards(StopLoss: 4_000), T0.AddMinutes(31))).Reason);
        Assert.Equal("You are down ¥5,000, at your stop-loss of ¥5,000", // reached, not passed
            Assert.Single(GuardEvaluator.Check(yen, new SessionGuards(StopLoss: 5_000), T0.AddMinutes(31))).Reason);
        Assert.Equal("KWD\u00A01,234.567", MoneyText.Format(1_234_567, "KWD"));
        Assert.Equal("CHF\u00A012.00", MoneyText.Format(1_200, "CHF"));
        Assert.Equal("€0.05", MoneyText.Format(5, "EUR"));
        Assert.Equal("−CA$1,000.00", MoneyText.Format(-100_000, "CAD"));

        // A time limit reads as a player set it: minutes, hours, or both.
        Assert.Equal("You have played 4 minutes, your limit is 4 minutes",
            Assert.Single(GuardEvaluator.Check(dollars, new SessionGuards(MaxDurationMinutes: 4), T0.AddMinutes(4.5))).Reason);
        Assert.Equal("You have played 2 h 31 min, your limit is 2 h 30 min",
            Assert.Single(GuardEvaluator.Check(dollars, new SessionGuards(MaxDurationMinutes: 150), T0.AddMinutes(151))).Reason);
        Assert.Equal("You have played 1 hour, your limit is 1 hour",
            Assert.Single(GuardEvaluator.Check(dollars, new SessionGuards(MaxDurationMinutes: 60), T0.AddMinutes(60))).Reason);

        // Limits in dollars say nothing about the yen session; buy-ins and time hold for every session.
        Assert.Empty(GuardEvaluator.Check(yen, new SessionGuards(StopLoss: 4_000, Currency: "USD"), T0.AddMinutes(31)));
        Assert.Equal("stop-loss", Assert.Single(GuardEvaluator.Check(yen, new SessionGuards(StopLoss: 4_000, StopLossBuyIns: 0.2, Currency: "USD"), T0.AddMinutes(31))).Kind);
        Assert.Single(GuardEvaluator.Check(yen, new SessionGuards(StopLoss: 4_000, Currency: "JPY"), T0.AddMinutes(31)));
        Assert.Single(GuardEvaluator.Check(dollars, new SessionGuards(StopLoss: 5_000, Currency: "USD"), T0.AddMinutes(31)));
    }

    [Fact]
    public void The_hour_of_day_is_the_players_local_hour()
    {
        var events = Session((80, Stack(22_000)));
        Assert.Equal(21, TiltFeatures.Extract(events, PlayerBaseline.None)[6]); // no time zone known: UTC
        events[0].SessionStarted.TimeZone = "America/Los_Angeles";
        Assert.Equal(13, TiltFeatures.Extract(events, PlayerBaseline.None)[6]); // 21:20 UTC is 13:20 in Los Angeles (PST)
        events[0].SessionStarted.TimeZone = "Asia/Tokyo";
        Assert.Equal(6, TiltFeatures.Extract(events, PlayerBaseline.None)[6]);  // 06:20 the next morning
    }

    [Fact]
    public void A_break_resets_the_break_clock_and_counts()
    {
        var events = Session((30, e => e.BreakStarted = new BreakStarted()), (45, e => e.BreakEnded = new BreakEnded()), (90, Stack(22_000)));
        var f = TiltFeatures.Extract(events, PlayerBaseline.None);
        Assert.Equal(1, f[7]);
        Assert.Equal(45, f[8]);
        Assert.Equal(1.25f, f[5], 3); // 90 minutes minus a 15-minute break
        Assert.Equal(0.1f, f[3], 3);
    }

    [Fact]
    public void The_rules_add_up_loss_chasing_escalation_drawdown_and_a_bad_beat()
    {
        float[] calm = [240, 0, 1, 0.2f, 0, 1, 20, 1, 30, 0.1f, 0.05f, 0, 0];
        Assert.Equal(0, RuleBasedAssessor.Score(calm));
        float[] chasing = [3, 2, 1.6f, -2.5f, 2.2f, 2, 22, 0, 120, 0.8f, -0.9f, -3, 1];
        Assert.Equal(0.25 + 0.2 + 0.2 + 0.1, RuleBasedAssessor.Score(chasing), 6);
        Assert.Equal(TiltLevel.High, RuleBasedAssessor.Level(RuleBasedAssessor.Score(chasing), TiltThresholds.RulesMedium, TiltThresholds.RulesHigh));
    }

    [Fact]
    public void The_baseline_follows_the_players_recent_sessions()
    {
        var b = PlayerBaseline.None.After(-1).After(-0.5).After(1);
        Assert.Equal(3, b.Sessions);
        Assert.Equal(-1 / 6.0, b.AverageNetInBuyIns, 6); // the mean of −1, −0.5 and +1
        Assert.Equal(0, b.LosingStreak);
        Assert.Equal(2, PlayerBaseline.None.After(-1).After(-2).LosingStreak);
    }

    [Fact]
    public void A_stack_reported_late_for_an_earlier_time_is_no_swing_of_the_stack_now()
    {
        var events = Session((20, Stack(16_000)), (40, Stack(12_000)), (30, Stack(30_000))); // the last sent late from another phone
        var figures = TiltSession.Of(events);
        var inOrder = TiltSession.Of(events.Take(4));
        Assert.Equal((inOrder.Swings, inOrder.LastSwing, inOrder.LastEquity), (figures.Swings, figures.LastSwing, figures.LastEquity));
        Assert.Equal(12_000, figures.State.CurrentStack);
    }
}
