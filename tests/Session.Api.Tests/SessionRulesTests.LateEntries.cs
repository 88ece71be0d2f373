using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Tests;

/// <summary>Entries that arrive after later ones (a phone's queue, a second device): each keeps its own time.</summary>
public sealed partial class SessionRulesTests
{
    [Fact]
    public void A_stack_update_for_an_earlier_time_is_a_point_of_the_chart_not_the_stack_now()
    {
        var t = new Table(Cash(50_000), T0)
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(60_000, T0.AddMinutes(10)), T0.AddMinutes(10)), T0.AddMinutes(10))
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(15_000, T0.AddMinutes(20)), T0.AddMinutes(20)), T0.AddMinutes(20))
            // Sent from the other phone's queue, for 15 minutes in.
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(45_000, T0.AddMinutes(15)), T0.AddMinutes(21)), T0.AddMinutes(21));
        Assert.Equal(15_000, t.State.CurrentStack);
        Assert.Equal(-35_000, t.State.NetResult);
        Assert.Equal(45_000, t.State.StackChangedBy(t.Events[^1])); // its point, at its time
        Assert.Equal([(T0, 50_000L), (T0.AddMinutes(10), 60_000L), (T0.AddMinutes(15), 45_000L), (T0.AddMinutes(20), 15_000L)],
            SessionState.StackSeries(t.Events).Select(p => (p.At, p.Amount)).OrderBy(p => p.At));

        // A rebuy logged for before the last stack reported is in that stack already. Its chart point is the chart's stack
        // at 18 minutes (45,000, reported late itself) with its chips.
        t.Do(s => SessionDecider.AddBuyIn(s, new AddBuyInCommand("rebuy", 20_000, T0.AddMinutes(18)), T0.AddMinutes(22)), T0.AddMinutes(22));
        Assert.Equal(15_000, t.State.CurrentStack);
        Assert.Null(t.State.StackChangedBy(t.Events[^1]));
        Assert.Equal(-55_000, t.State.NetResult);
        Assert.Equal([(T0, 50_000L), (T0.AddMinutes(10), 60_000L), (T0.AddMinutes(15), 45_000L), (T0.AddMinutes(18), 65_000L), (T0.AddMinutes(20), 15_000L)],
            SessionState.StackSeries(t.Events).Select(p => (p.At, p.Amount)));

        // A count for 17 minutes sent later still: the rebuy's point is drawn from it.
        t.Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(5_000, T0.AddMinutes(17)), T0.AddMinutes(23)), T0.AddMinutes(23));
        Assert.Equal(15_000, t.State.CurrentStack);
        Assert.Equal([45_000L, 5_000L, 25_000L, 15_000L], SessionState.StackSeries(t.Events).Skip(2).Select(p => p.Amount));

        // The events recorded before the chart was drawn in time order keep the point worked out then.
        t.Events[^2].BuyInAdded.ChartStack = 65_000;
        Assert.Equal(65_000, SessionState.Replay(t.Events).PeakStack);
    }

    [Fact]
    public void A_stack_reported_late_for_a_time_before_a_rebuy_already_logged_keeps_the_rebuys_chips()
    {
        // $10 at 20:00; a $5 rebuy at 20:30; then the other phone's count for 20:20, $3: now $3 + $5, not $3.
        var t = new Table(Cash(10_000), T0)
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(1_000, T0.AddMinutes(60)), T0.AddMinutes(60)), T0.AddMinutes(60))
            .Do(s => SessionDecider.AddBuyIn(s, new AddBuyInCommand("rebuy", 500, T0.AddMinutes(90)), T0.AddMinutes(90)), T0.AddMinutes(90))
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(300, T0.AddMinutes(80)), T0.AddMinutes(91)), T0.AddMinutes(91));
        Assert.Equal(800, t.State.CurrentStack);
        Assert.Equal(800 - 10_500, t.State.NetResult);
        Assert.Equal(300, t.State.StackChangedBy(t.Events[^1])); // its own point, at its own time
    }

    [Fact]
    public void A_rebuy_sent_late_with_no_stack_reported_after_it_joins_the_stack()
    {
        // The tablet logs a rebuy at 20:00; the phone's queued one, for 19:30, arrives after it.
        var t = new Table(Cash(10_000), T0)
            .Do(s => SessionDecider.AddBuyIn(s, new AddBuyInCommand("rebuy", 10_000, T0.AddMinutes(60)), T0.AddMinutes(60)), T0.AddMinutes(60))
            .Do(s => SessionDecider.AddBuyIn(s, new AddBuyInCommand("rebuy", 10_000, T0.AddMinutes(30)), T0.AddMinutes(61)), T0.AddMinutes(61));
        Assert.Equal(30_000, t.State.CurrentStack);
        Assert.Equal(0, t.State.NetResult);
        Assert.Equal(30_000, t.State.StackChangedBy(t.Events[^1]));
        Assert.Equal([(T0, 10_000L), (T0.AddMinutes(30), 20_000L), (T0.AddMinutes(60), 30_000L)], SessionState.StackSeries(t.Events).Select(p => (p.At, p.Amount)));
    }

    [Fact]
    public void A_cash_out_for_a_time_before_entries_logged_is_refused_and_one_for_now_comes_after_them()
    {
        var t = new Table(Cash(50_000), T0)
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(60_000, T0.AddMinutes(15)), T0.AddMinutes(15)), T0.AddMinutes(15))
            .Do(s => SessionDecider.StartBreak(s, new BreakCommand(T0.AddMinutes(5)), T0.AddMinutes(16)), T0.AddMinutes(16));
        var early = Assert.Throws<InvalidInputException>(() => SessionDecider.End(t.State, new EndSessionCommand(T0.AddMinutes(8), CashOut: 70_000), T0.AddMinutes(20)));
        Assert.Contains("Cannot be before the last entry logged", Assert.Single(early.Errors["at"]));

        // Asked to end now by a server whose clock is a minute behind the phone that logged the last entry.
        var late = new Table(Cash(50_000), T0)
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(60_000, T0.AddMinutes(31)), T0.AddMinutes(30)), T0.AddMinutes(30))
            .Do(s => SessionDecider.End(s, new EndSessionCommand(CashOut: 60_000), T0.AddMinutes(30)), T0.AddMinutes(30));
        Assert.Equal(T0.AddMinutes(31), late.State.EndedAt);

        // A cash-out tapped on a phone whose clock is 40 s behind the one that logged the last stack.
        var behind = new Table(Cash(50_000), T0)
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(60_000, T0.AddMinutes(30)), T0.AddMinutes(30)), T0.AddMinutes(30))
            .Do(s => SessionDecider.End(s, new EndSessionCommand(T0.AddMinutes(30).AddSeconds(-40), CashOut: 60_000), T0.AddMinutes(30)), T0.AddMinutes(30));
        Assert.Equal(T0.AddMinutes(30), behind.State.EndedAt);
    }

    [Fact]
    public void A_correction_may_not_leave_a_stack_report_at_the_very_start_or_end_outside_the_session()
    {
        // The tablet, its clock 40 s ahead, counts the stack at 21:00:40; the phone cashes out at 21:00:00: the end is the count's time.
        var count = T0.AddHours(2).AddSeconds(40);
        var t = new Table(Cash(50_000), T0)
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(60_000, T0), T0.AddSeconds(5)), T0.AddSeconds(5))
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(70_000, count), count), count)
            .Do(s => SessionDecider.End(s, new EndSessionCommand(CashOut: 70_000), T0.AddHours(2)), T0.AddHours(2));
        Assert.Equal(count, t.State.EndedAt);

        // Moving the end before the count, or the start past the first count, would leave it outside the session's time.
        var end = Assert.Throws<InvalidInputException>(() => SessionDecider.Correct(t.State, new CorrectSessionCommand(EndedAt: T0.AddMinutes(90)), T0.AddHours(3)));
        Assert.Contains("Cannot be before the last entry logged", Assert.Single(end.Errors["endedAt"]));
        var start = Assert.Throws<InvalidInputException>(() => SessionDecider.Correct(t.State, new CorrectSessionCommand(StartedAt: T0.AddMinutes(30)), T0.AddHours(3)));
        Assert.Contains("Cannot be after the first entry logged", Assert.Single(start.Errors["startedAt"]));

        // Later than the count, or earlier than the start, is a correction like any other.
        SessionDecider.Correct(t.State, new CorrectSessionCommand(EndedAt: count.AddMinutes(5), StartedAt: T0.AddMinutes(-10)), T0.AddHours(3));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_first_buy_in_logged_after_a_stack_report_adds_its_chips_as_the_chart_draws_them(bool reportSentLate)
    {
        // A cash game started without a buy-in (the API allows it): a count of $200 for 20:10 and the buy-in of $100 at 20:30.
        var t = new Table(Cash(null), T0);
        var (count, buyIn) = (T0.AddMinutes(10), T0.AddMinutes(30));
        if (reportSentLate)
        {
            t.Do(s => SessionDecider.AddBuyIn(s, new AddBuyInCommand("initial", 10_000, buyIn), buyIn), buyIn);
            Assert.True(t.State.ComesBeforeLastPoint(SessionDecider.UpdateStack(t.State, new UpdateStackCommand(20_000, count), buyIn.AddMinutes(1))));
            t.Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(20_000, count), buyIn.AddMinutes(1)), buyIn.AddMinutes(1));
        }
        else
        {
            t.Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(20_000, count), count), count)
                .Do(s => SessionDecider.AddBuyIn(s, new AddBuyInCommand("initial", 10_000, buyIn), buyIn), buyIn);
        }

        Assert.Equal(30_000, t.State.CurrentStack);
        Assert.Equal(20_000, t.State.NetResult);
        Assert.Equal([(count, 20_000L), (buyIn, 30_000L)], SessionState.StackSeries(t.Events).Select(p => (p.At, p.Amount)));
    }
}
