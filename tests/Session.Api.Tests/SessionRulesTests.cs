using PokerTracker.SessionApi.Statistics;
using System.Text.Json;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Tests;

/// <summary>The domain rules and derived values, without any I/O.</summary>
public sealed partial class SessionRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 19, 0, 0, TimeSpan.Zero);

    /// <summary>Decides and applies, as the service does, numbering events from 1.</summary>
    private sealed class Table
    {
        public SessionState State { get; } = new();
        public List<SessionEventEnvelope> Events { get; } = [];

        public Table(StartSessionCommand start, DateTimeOffset now)
        {
            foreach (var e in SessionDecider.Start(start, now))
            {
                Record(e, now);
            }
        }

        public Table Do(Func<SessionState, SessionEventEnvelope> decide, DateTimeOffset now)
        {
            Record(decide(State), now);
            return this;
        }

        private void Record(SessionEventEnvelope e, DateTimeOffset now)
        {
            e.EventId = Guid.NewGuid().ToString();
            e.SessionId = "0193a000-0000-7000-8000-000000000001";
            e.UserId = "player-1";
            e.Sequence = Events.Count + 1;
            e.RecordedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now);
            State.Apply(e);
            Events.Add(e);
        }
    }

    private static StartSessionCommand Cash(long? buyIn = 20_000) =>
        new("cash", "NLHE", "live", "Bellagio", "USD", Tags: ["weekend"], StartedAt: T0, Stakes: new StakesInput(100, 200), BuyIn: buyIn);

    private static StartSessionCommand Tournament() =>
        new("tournament", "NLHE", "live", "Aria", "USD", StartedAt: T0, Tournament: new TournamentInput(50_000, 5_000, 30_000));

    [Fact]
    public void A_short_sessions_rates_on_its_page_are_the_statistics_rates_to_the_cent()
    {
        // 7 min 31.5 s: the page took the half second, the statistics (whole seconds, as stored) did not,
        // and the two differed by $8.85 an hour.
        var end = T0.AddMinutes(7).AddSeconds(31.5);
        var s = new Table(Cash(), T0)
            .Do(x => SessionDecider.End(x, new EndSessionCommand(end, CashOut: 21_000), end), end).State;

        var page = SessionTotals.From(s, end.AddDays(1));
        var statistics = StatisticsCalculator.Compute([SessionResult.From(s)], new RiskInputs(null), TimeZoneInfo.Utc);
        Assert.Equal(Math.Round(1_000m * 3600 / 451, 2), page.HourlyRate); // $10 over 451 s
        Assert.Equal(page.HourlyRate, statistics.HourlyRate);
        Assert.Equal(page.BigBlindsPerHour, statistics.BigBlindsPerHour);
        Assert.Equal(page.HourlyRate, Assert.Single(statistics.ByVenue).HourlyRate);

        // The time played: 7 minutes on the page, and the statistics give the seconds it is shown from (their
        // hours are rounded to 0.13, which the dashboard read as 8 minutes).
        Assert.Equal(7, page.PlayingMinutes);
        Assert.Equal([451L, 451L, 451L], [statistics.SecondsPlayed, Assert.Single(statistics.ByVenue).Seconds, Assert.Single(statistics.HoursByMonth).Seconds]);
    }

    [Fact]
    public void A_cash_session_derives_invested_net_time_and_rates_by_hand()
    {
        var t = new Table(Cash(), T0)
            .Do(s => SessionDecider.AddBuyIn(s, new AddBuyInCommand("rebuy", 10_000, T0.AddMinutes(40)), T0.AddMinutes(40)), T0.AddMinutes(40))
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(41_000, T0.AddMinutes(60)), T0.AddMinutes(60)), T0.AddMinutes(60))
            .Do(s => SessionDecider.AddExpense(s, new AddExpenseCommand("tips", 500, "dealer"), T0.AddMinutes(70)), T0.AddMinutes(70))
            .Do(s => SessionDecider.StartBreak(s, new BreakCommand(T0.AddMinutes(90)), T0.AddMinutes(90)), T0.AddMinutes(90))
            .Do(s => SessionDecider.EndBreak(s, new BreakCommand(T0.AddMinutes(105)), T0.AddMinutes(105)), T0.AddMinutes(105))
            .Do(s => SessionDecider.End(s, new EndSessionCommand(T0.AddMinutes(135), CashOut: 45_000, HandsPlayed: 60), T0.AddMinutes(135)), T0.AddMinutes(135));

        var s = t.State;
        Assert.Equal(SessionStatus.Ended, s.Status);
        Assert.Equal(30_000, s.TotalInvested);           // 200.00 + 100.00
        Assert.Equal(500, s.TotalExpenses);
        Assert.Equal(14_500, s.NetResult);               // 450.00 − 300.00 − 5.00
        Assert.Equal(TimeSpan.FromHours(2), s.PlayingTime(T0.AddDays(1))); // 2h15 − 15 min break
        var totals = SessionTotals.From(s, T0.AddDays(1));
        Assert.Equal(7_250m, totals.HourlyRate);         // 145.00 per 2 h = 72.50 / h
        Assert.Equal(72.5m, totals.BigBlindsWon);        // 14,500 / 200
        Assert.Equal(36.25m, totals.BigBlindsPerHour);
        Assert.Equal(45_000, totals.CurrentStack);       // ended: what the player left with (the last update was 410.00)
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), t.Events.Select(e => e.Sequence));
    }

    [Fact]
    public void While_a_cash_game_runs_the_latest_stack_stands_for_the_cash_out()
    {
        var t = new Table(Cash(), T0)
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(15_000), T0.AddMinutes(30)), T0.AddMinutes(30));
        Assert.Equal(-5_000, t.State.NetResult);
        Assert.Equal(TimeSpan.FromMinutes(45), t.State.PlayingTime(T0.AddMinutes(45)));
    }

    [Fact]
    public void A_rebuy_in_a_cash_game_puts_its_chips_on_the_stack_until_the_next_stack_update()
    {
        var t = new Table(Cash(50_000), T0)
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(61_000), T0.AddMinutes(30)), T0.AddMinutes(30))
            .Do(s => SessionDecider.AddBuyIn(s, new AddBuyInCommand("rebuy", 50_000), T0.AddMinutes(40)), T0.AddMinutes(40));
        Assert.Equal(111_000, t.State.LastStack);        // 610 in front of the player, plus 500 of new chips
        Assert.Equal(11_000, t.State.NetResult);         // +110, not −390
        Assert.Equal(111_000, t.State.PeakStack);
        Assert.Equal(111_000, t.State.StackChangedBy(t.Events[^1]));
        Assert.Equal(111_000, SessionTotals.From(t.State, T0.AddMinutes(41)).CurrentStack);

        t.Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(90_000), T0.AddMinutes(60)), T0.AddMinutes(60));
        Assert.Equal(-10_000, t.State.NetResult);
        Assert.Equal([50_000L, 61_000L, 111_000L, 90_000L], SessionState.StackSeries(t.Events).Select(p => p.Amount));

        // Before any stack update, the chips join the buy-ins so far; the first buy-in is the starting stack.
        var early = new Table(Cash(20_000), T0)
            .Do(s => SessionDecider.AddBuyIn(s, new AddBuyInCommand("add-on", 20_000), T0.AddMinutes(5)), T0.AddMinutes(5));
        Assert.Equal(40_000, early.State.LastStack);
        Assert.Equal(0, early.State.NetResult);
        Assert.Equal([(2L, (long?)20_000L), (3L, 40_000L)], early.Events.Skip(1).Select(e => (e.Sequence, Replayed(early.Events, e.Sequence).StackChangedBy(e))));
    }

    /// <summary>The session as of one of its events.</summary>
    private static SessionState Replayed(List<SessionEventEnvelope> events, long sequence) => SessionState.Replay(events.Where(e => e.Sequence <= sequence));

    [Fact]
    public void A_cash_games_stack_and_peak_follow_its_chart_from_the_buy_in_to_the_cash_out()
    {
        // Bought in for 300, fell to 250, climbed to 640 and left with 330 after a bad hand.
        var t = new Table(Cash(30_000), T0);
        Assert.Equal(30_000, t.State.PeakStack);
        Assert.Equal(30_000, SessionTotals.From(t.State, T0).PeakStack);

        t.Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(25_000), T0.AddMinutes(20)), T0.AddMinutes(20));
        Assert.Equal(25_000, t.State.CurrentStack);
        Assert.Equal(30_000, t.State.PeakStack);      // the buy-in was higher than any update so far

        t.Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(64_000), T0.AddMinutes(50)), T0.AddMinutes(50))
            .Do(s => SessionDecider.End(s, new EndSessionCommand(CashOut: 33_000), T0.AddMinutes(60)), T0.AddMinutes(60));
        var totals = SessionTotals.From(t.State, T0.AddMinutes(90));
        Assert.Equal(33_000, totals.CurrentStack);    // what the player left with, not the last update
        Assert.Equal(64_000, totals.PeakStack);
        Assert.Equal(3_000, totals.NetResult);
        Assert.Equal([30_000L, 25_000L, 64_000L, 33_000L], SessionState.StackSeries(t.Events).Select(p => p.Amount));
        Assert.Equal(totals.PeakStack, SessionState.StackSeries(t.Events).Max(p => p.Amount));

        // Leaving with more than any stack reported makes the cash-out the peak.
        var lucky = new Table(Cash(30_000), T0)
            .Do(s => SessionDecider.End(s, new EndSessionCommand(CashOut: 90_000), T0.AddMinutes(60)), T0.AddMinutes(60));
        Assert.Equal(90_000, lucky.State.PeakStack);
        Assert.Equal(90_000, lucky.State.CurrentStack);
    }

    [Fact]
    public void A_corrected_cash_out_or_end_time_moves_the_charts_last_point_and_the_peak_follows()
    {
        // Bought in for 300, peaked at 640, left with 455 — miscounted: it was 555, then 350, at 23:00 not 22:00.
        var t = new Table(Cash(30_000), T0)
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(64_000), T0.AddMinutes(50)), T0.AddMinutes(50))
            .Do(s => SessionDecider.End(s, new EndSessionCommand(CashOut: 45_500), T0.AddHours(2)), T0.AddHours(2));
        Assert.Equal(64_000, t.State.PeakStack);

        t.Do(s => SessionDecider.Correct(s, new CorrectSessionCommand("miscounted", CashOut: 90_000), T0.AddHours(5)), T0.AddHours(5));
        Assert.Equal(90_000, t.State.CurrentStack);
        Assert.Equal(90_000, t.State.PeakStack);      // the last point is now the highest
        Assert.Equal([30_000L, 64_000L, 90_000L], SessionState.StackSeries(t.Events).Select(p => p.Amount));

        t.Do(s => SessionDecider.Correct(s, new CorrectSessionCommand("miscounted again", CashOut: 35_000, EndedAt: T0.AddHours(3)), T0.AddHours(6)), T0.AddHours(6));
        Assert.Equal(64_000, t.State.PeakStack);      // back to the highest stack in play
        var series = SessionState.StackSeries(t.Events);
        Assert.Equal([30_000L, 64_000L, 35_000L], series.Select(p => p.Amount));
        Assert.Equal(T0.AddHours(3), series[^1].At);  // one last point, at the corrected end
        Assert.Equal(t.State.PeakStack, series.Max(p => p.Amount));

        // The same through a document written and read again (the live store's copy).
        var reread = SessionStateJson.Deserialize(SessionStateJson.Serialize(t.State));
        Assert.Equal(64_000, reread.PeakInPlay);
        Assert.Equal(64_000, reread.PeakStack);
    }

    [Fact]
    public void A_tournament_rebuy_adds_to_the_investment_only()
    {
        var t = new Table(Tournament(), T0)
            .Do(s => SessionDecider.AddBuyIn(s, new AddBuyInCommand("rebuy", 50_000), T0.AddHours(1)), T0.AddHours(1));
        Assert.Null(t.State.LastStack);
        Assert.Null(t.State.StackChangedBy(t.Events[^1]));
        Assert.Empty(SessionState.StackSeries(t.Events));
    }

    [Fact]
    public void A_tournament_counts_its_entry_and_rebuys_against_the_prize()
    {
        var t = new Table(Tournament(), T0)
            .Do(s => SessionDecider.AddBuyIn(s, new AddBuyInCommand("rebuy", 50_000), T0.AddHours(1)), T0.AddHours(1))
            .Do(s => SessionDecider.End(s, new EndSessionCommand(T0.AddHours(5), Prize: 400_000, FinishPosition: 3, FieldSize: 120), T0.AddHours(5)), T0.AddHours(5));
        Assert.Equal(105_000, t.State.TotalInvested);
        Assert.Equal(295_000, t.State.NetResult);
        Assert.Equal(3, t.State.FinishPosition);
        Assert.Null(SessionTotals.From(t.State, T0.AddHours(6)).BigBlindsWon);
    }

    [Fact]
    public void A_session_document_keeps_what_the_events_made_and_reads_back_the_same_session()
    {
        var cash = new Table(Cash(), T0)
            .Do(s => SessionDecider.AddNote(s, new AddNoteCommand("AKs < QQ & \"all in\" ♠"), T0.AddMinutes(5)), T0.AddMinutes(5))
            .Do(s => SessionDecider.AddBuyIn(s, new AddBuyInCommand("rebuy", 10_000), T0.AddMinutes(7)), T0.AddMinutes(7))
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(25_000), T0.AddMinutes(9)), T0.AddMinutes(9))
            .Do(s => SessionDecider.AddExpense(s, new AddExpenseCommand("tips", 500, "dealer"), T0.AddMinutes(20)), T0.AddMinutes(20))
            .Do(s => SessionDecider.StartBreak(s, new BreakCommand(T0.AddMinutes(30)), T0.AddMinutes(30)), T0.AddMinutes(30))
            .Do(s => SessionDecider.EndBreak(s, new BreakCommand(T0.AddMinutes(45)), T0.AddMinutes(45)), T0.AddMinutes(45))
            .Do(s => SessionDecider.End(s, new EndSessionCommand(T0.AddHours(3), CashOut: 25_000, HandsPlayed: 90), T0.AddHours(3)), T0.AddHours(3))
            .Do(s => SessionDecider.Correct(s, new CorrectSessionCommand("typo", Venue: "Wynn", CashOut: 26_000), T0.AddHours(4)), T0.AddHours(4));
        var tournament = new Table(Tournament(), T0)
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(41_000), T0.AddHours(1)), T0.AddHours(1))
            .Do(s => SessionDecider.End(s, new EndSessionCommand(T0.AddHours(5), Prize: 400_000, FinishPosition: 3, FieldSize: 120), T0.AddHours(5)), T0.AddHours(5));
        var running = new Table(Cash(), T0);

        // Every property of the session, derived ones included, in the shape documents had before.
        var everything = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
        foreach (var state in new[] { cash.State, tournament.State, running.State })
        {
            var document = SessionStateJson.Serialize(state);
            Assert.DoesNotContain("netResult", document, StringComparison.Ordinal);
            Assert.DoesNotContain("null", document, StringComparison.Ordinal);
            Assert.Equal(JsonSerializer.Serialize(state, everything), JsonSerializer.Serialize(SessionStateJson.Deserialize(document), everything));
            Assert.Equal(document, System.Text.Encoding.UTF8.GetString(SessionStateJson.SerializeToUtf8Bytes(SessionStateJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(document)))));

            // A document written before, with derived figures and empty values, reads as the same session.
            var before = JsonSerializer.Serialize(state, everything);
            Assert.Contains("\"netResult\"", before, StringComparison.Ordinal);
            Assert.Equal(before, JsonSerializer.Serialize(SessionStateJson.Deserialize(before), everything));
        }
    }

    [Fact]
    public void Replaying_the_events_rebuilds_the_session_exactly()
    {
        var t = new Table(Cash(), T0)
            .Do(s => SessionDecider.AddNote(s, new AddNoteCommand("Hero folds AA preflop?!"), T0.AddMinutes(5)), T0.AddMinutes(5))
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(25_000), T0.AddMinutes(9)), T0.AddMinutes(9))
            .Do(s => SessionDecider.End(s, new EndSessionCommand(T0.AddHours(3), CashOut: 25_000), T0.AddHours(3)), T0.AddHours(3))
            .Do(s => SessionDecider.Correct(s, new CorrectSessionCommand("typo", Venue: "Wynn", CashOut: 26_000), T0.AddHours(4)), T0.AddHours(4));

        var bytes = t.Events.Select(e => Google.Protobuf.MessageExtensions.ToByteArray(e)).ToList();
        var replayed = SessionState.Replay(bytes.Select(b => SessionEventEnvelope.Parser.ParseFrom(b)));
        Assert.Equal(JsonSerializer.Serialize(t.State), JsonSerializer.Serialize(replayed));
        Assert.Equal("Wynn", replayed.Venue);
        Assert.Equal(6_000, replayed.NetResult);
        Assert.Equal(1, replayed.Corrections);
    }

    [Fact]
    public void Breaks_cannot_start_twice_or_end_when_none_runs()
    {
        var t = new Table(Cash(), T0).Do(s => SessionDecider.StartBreak(s, new BreakCommand(), T0.AddMinutes(10)), T0.AddMinutes(10));
        Assert.Throws<SessionConflictException>(() => SessionDecider.StartBreak(t.State, new BreakCommand(), T0.AddMinutes(11)));
        t.Do(s => SessionDecider.EndBreak(s, new BreakCommand(), T0.AddMinutes(20)), T0.AddMinutes(20));
        Assert.Throws<SessionConflictException>(() => SessionDecider.EndBreak(t.State, new BreakCommand(), T0.AddMinutes(21)));
    }
}
