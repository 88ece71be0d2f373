using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Tests;

/// <summary>What may still change once a session stops: a discard, an expense taken back, a correction.</summary>
public sealed partial class SessionRulesTests
{
    [Fact]
    public void A_session_discarded_while_it_runs_stops_its_clock_and_keeps_its_last_stack()
    {
        var t = new Table(Cash(10_000), T0)
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(12_000), T0.AddMinutes(30)), T0.AddMinutes(30))
            .Do(s => SessionDecider.Discard(s, new DiscardSessionCommand("wrong table"), T0.AddMinutes(40)), T0.AddMinutes(40));
        Assert.Equal(SessionStatus.Discarded, t.State.Status);
        Assert.Equal(TimeSpan.FromMinutes(40), t.State.PlayingTime(T0.AddHours(5))); // not 5 hours and counting
        Assert.Equal(2_000, t.State.NetResult);                                      // 120.00 in front of the player, not −100.00
        Assert.Equal(40, SessionTotals.From(t.State, T0.AddHours(5)).PlayingMinutes);
        Assert.Equal(T0.AddMinutes(40), SessionView.From(t.State, T0.AddHours(5)).DiscardedAt); // the session's timeline shows when

        // Discarded after it ended: its end and cash-out stand.
        var ended = new Table(Cash(10_000), T0)
            .Do(s => SessionDecider.End(s, new EndSessionCommand(T0.AddMinutes(90), CashOut: 7_000), T0.AddMinutes(90)), T0.AddMinutes(90))
            .Do(s => SessionDecider.Discard(s, new DiscardSessionCommand("duplicate"), T0.AddHours(3)), T0.AddHours(3));
        Assert.Equal(TimeSpan.FromMinutes(90), ended.State.PlayingTime(T0.AddHours(5)));
        Assert.Equal(-3_000, ended.State.NetResult);
        Assert.Equal(T0.AddHours(3), SessionView.From(ended.State, T0.AddHours(5)).DiscardedAt);
        Assert.Null(SessionView.From(new Table(Cash(10_000), T0).State, T0.AddHours(5)).DiscardedAt);
    }

    [Fact]
    public void An_expense_typed_wrong_is_taken_back_and_the_net_follows()
    {
        var t = new Table(Cash(10_000), T0)
            .Do(s => SessionDecider.AddExpense(s, new AddExpenseCommand("tips", 2_000), T0.AddMinutes(10)), T0.AddMinutes(10))
            .Do(s => SessionDecider.AddExpense(s, new AddExpenseCommand("food", 1_250), T0.AddMinutes(20)), T0.AddMinutes(20));
        Assert.Equal(-3_250, t.State.NetResult);
        t.Do(s => SessionDecider.DeleteExpense(s, new DeleteExpenseCommand(3), T0.AddMinutes(21)), T0.AddMinutes(21)); // the tip, typed 20.00 for 0.20
        Assert.Equal([("food", 1_250L)], t.State.Expenses.Select(x => (x.Kind, x.Amount)));
        Assert.Equal(-1_250, t.State.NetResult);
        Assert.Equal(t.State.NetResult, SessionState.Replay(t.Events).NetResult);
        Assert.Throws<ExpenseNotFoundException>(() => SessionDecider.DeleteExpense(t.State, new DeleteExpenseCommand(3), T0.AddMinutes(22)));

        t.Do(s => SessionDecider.Discard(s, new DiscardSessionCommand("test"), T0.AddMinutes(30)), T0.AddMinutes(30));
        Assert.Throws<SessionConflictException>(() => SessionDecider.DeleteExpense(t.State, new DeleteExpenseCommand(4), T0.AddMinutes(31)));
    }

    [Fact]
    public void An_expense_is_added_after_the_end_dated_at_the_end_and_a_discarded_session_takes_none()
    {
        var t = new Table(Cash(10_000), T0)
            .Do(s => SessionDecider.AddExpense(s, new AddExpenseCommand("food", 1_850), T0.AddMinutes(30)), T0.AddMinutes(30))
            .Do(s => SessionDecider.End(s, new EndSessionCommand(T0.AddHours(3), CashOut: 15_000), T0.AddHours(3)), T0.AddHours(3))
            .Do(s => SessionDecider.DeleteExpense(s, new DeleteExpenseCommand(3), T0.AddHours(4)), T0.AddHours(4)); // taken back by mistake
        Assert.Equal(5_000, t.State.NetResult);

        // Put back the next day, and the tip given at the cage after the cash-out.
        t.Do(s => SessionDecider.AddExpense(s, new AddExpenseCommand("food", 1_850, "dinner"), T0.AddDays(1)), T0.AddDays(1))
            .Do(s => SessionDecider.AddExpense(s, new AddExpenseCommand("tips", 500), T0.AddDays(1)), T0.AddDays(1));
        Assert.Equal(5_000 - 1_850 - 500, t.State.NetResult);
        Assert.All(t.State.Expenses, x => Assert.Equal(T0.AddHours(3), x.At));
        var late = Assert.Throws<InvalidInputException>(() => SessionDecider.AddExpense(t.State, new AddExpenseCommand("tips", 100, At: T0.AddHours(5)), T0.AddDays(1)));
        Assert.Contains("after the session ended", late.Errors["at"].Single(), StringComparison.Ordinal);

        t.Do(s => SessionDecider.Discard(s, new DiscardSessionCommand("duplicate"), T0.AddDays(2)), T0.AddDays(2));
        Assert.Throws<SessionConflictException>(() => SessionDecider.AddExpense(t.State, new AddExpenseCommand("tips", 100), T0.AddDays(2)));
    }

    [Fact]
    public void An_ended_session_changes_only_by_correction_and_a_running_one_cannot_be_corrected()
    {
        var t = new Table(Cash(), T0);
        Assert.Throws<SessionConflictException>(() => SessionDecider.Correct(t.State, new CorrectSessionCommand(Venue: "Wynn"), T0.AddMinutes(1)));
        t.Do(s => SessionDecider.End(s, new EndSessionCommand(T0.AddHours(1), CashOut: 0), T0.AddHours(1)), T0.AddHours(1));
        Assert.Throws<SessionConflictException>(() => SessionDecider.AddBuyIn(t.State, new AddBuyInCommand("rebuy", 100), T0.AddHours(1)));
        Assert.Throws<SessionConflictException>(() => SessionDecider.UpdateStack(t.State, new UpdateStackCommand(100), T0.AddHours(1)));
        Assert.Throws<SessionConflictException>(() => SessionDecider.End(t.State, new EndSessionCommand(CashOut: 1), T0.AddHours(1)));
        var none = Assert.Throws<InvalidInputException>(() => SessionDecider.Correct(t.State, new CorrectSessionCommand("nothing"), T0.AddHours(2)));
        Assert.Contains("body", none.Errors.Keys);

        // A correction to what the session holds already changes nothing, and would use up one of its corrections.
        var same = Assert.Throws<InvalidInputException>(() => SessionDecider.Correct(t.State, new CorrectSessionCommand("again", Venue: t.State.Venue, CashOut: 0, EndedAt: T0.AddHours(1)), T0.AddHours(2)));
        Assert.Contains("nothing to correct", same.Errors["body"].Single(), StringComparison.Ordinal);
        // A start moved past the end is named as the start, the time that was sent.
        var late = Assert.Throws<InvalidInputException>(() => SessionDecider.Correct(t.State, new CorrectSessionCommand("typo", StartedAt: T0.AddHours(3)), T0.AddHours(4)));
        Assert.Equal("Cannot be after the end.", Assert.Single(late.Errors["startedAt"]));
        Assert.DoesNotContain("endedAt", late.Errors.Keys);
        t.Do(s => SessionDecider.Correct(s, new CorrectSessionCommand("tip left out", Venue: t.State.Venue, CashOut: 2_500), T0.AddHours(2)), T0.AddHours(2));
        Assert.Equal((2_500L, 1), (t.State.CashOut!.Value, t.State.Corrections));
    }

    [Fact]
    public void A_corrected_start_or_end_keeps_every_entry_logged_while_the_session_ran_inside_it()
    {
        // 7 PM buy-in, 8 PM stack update, 9 PM rebuy, 10 PM note, 11 PM cash-out; a note written the next day (dated at the end).
        var t = new Table(Cash(10_000), T0)
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(8_000), T0.AddHours(1)), T0.AddHours(1))
            .Do(s => SessionDecider.AddBuyIn(s, new AddBuyInCommand("rebuy", 10_000), T0.AddHours(2)), T0.AddHours(2))
            .Do(s => SessionDecider.AddNote(s, new AddNoteCommand("card dead"), T0.AddHours(3)), T0.AddHours(3))
            .Do(s => SessionDecider.End(s, new EndSessionCommand(T0.AddHours(4), CashOut: 25_000), T0.AddHours(4)), T0.AddHours(4))
            .Do(s => SessionDecider.AddNote(s, new AddNoteCommand("should have left at 11"), T0.AddDays(1)), T0.AddDays(1));

        var late = Assert.Throws<InvalidInputException>(() => SessionDecider.Correct(t.State, new CorrectSessionCommand(StartedAt: T0.AddMinutes(90)), T0.AddDays(2)));
        Assert.Contains($"after the first entry logged in the session, at {T0.AddHours(1).UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: a start at {T0.AddHours(1).UtcDateTime:HH:mm} or earlier", late.Errors["startedAt"].Single(), StringComparison.Ordinal);
        var early = Assert.Throws<InvalidInputException>(() => SessionDecider.Correct(t.State, new CorrectSessionCommand(EndedAt: T0.AddMinutes(150)), T0.AddDays(2)));
        Assert.Contains($"before the last entry logged in the session, at {T0.AddHours(3).UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: an end at {T0.AddHours(3).UtcDateTime:HH:mm} or later", early.Errors["endedAt"].Single(), StringComparison.Ordinal);
        // A whole session moved to another day leaves all of it behind.
        var moved = Assert.Throws<InvalidInputException>(() => SessionDecider.Correct(t.State, new CorrectSessionCommand(StartedAt: T0.AddDays(-1), EndedAt: T0.AddDays(-1).AddHours(4)), T0.AddDays(2)));
        Assert.Equal(new[] { "endedAt" }, moved.Errors.Keys);

        // Up to the first entry and from the last one on is fine; the next day's note moves with the end.
        t.Do(s => SessionDecider.Correct(s, new CorrectSessionCommand(StartedAt: T0.AddHours(1), EndedAt: T0.AddHours(3)), T0.AddDays(2)), T0.AddDays(2));
        Assert.Equal((T0.AddHours(1), T0.AddHours(3)), (t.State.StartedAt, t.State.EndedAt!.Value));
        // The first buy-in moves with the start and the next day's note with the end, in the timeline and the chart.
        Assert.Equal([T0.AddHours(1), T0.AddHours(2)], t.State.BuyIns.Select(b => b.At));
        Assert.Equal([T0.AddHours(3), T0.AddHours(3)], t.State.Notes.Select(n => n.At));
        Assert.Equal([T0.AddHours(1), T0.AddHours(1), T0.AddHours(2), T0.AddHours(3)], SessionState.StackSeries(t.Events).Select(p => p.At));
        // Started earlier after all: the first buy-in follows again, and a replay of the events agrees.
        t.Do(s => SessionDecider.Correct(s, new CorrectSessionCommand(StartedAt: T0.AddMinutes(-30)), T0.AddDays(3)), T0.AddDays(3));
        Assert.Equal(T0.AddMinutes(-30), t.State.BuyIns[0].At);
        Assert.Equal(T0.AddMinutes(-30), SessionState.StackSeries(t.Events)[0].At);
        Assert.Equal(SessionStateJson.Serialize(t.State), SessionStateJson.Serialize(SessionState.Replay(t.Events)));
        // Each correction is kept with when it was made and what it named, for the timeline.
        Assert.Equal(
            [(T0.AddDays(2), "startedAt,endedAt"), (T0.AddDays(3), "startedAt")],
            t.State.CorrectionLog!.Select(c => (c.At, string.Join(',', c.Fields))));

        // An imported session's entries carry its start (the file did not date them): its times may move.
        var imported = new Table(Cash(10_000), T0)
            .Do(s => SessionDecider.AddNote(s, new AddNoteCommand("from the spreadsheet", T0), T0), T0)
            .Do(s => SessionDecider.End(s, new EndSessionCommand(T0.AddHours(4), CashOut: 5_000), T0.AddHours(4)), T0.AddHours(4));
        imported.Do(s => SessionDecider.Correct(s, new CorrectSessionCommand(StartedAt: T0.AddHours(1)), T0.AddDays(1)), T0.AddDays(1));
        Assert.Equal(T0.AddHours(1), imported.State.StartedAt);
        Assert.Equal(T0.AddHours(1), imported.State.Notes.Single().At);
    }

    [Fact]
    public void A_correction_that_would_cut_a_break_or_an_entry_says_so_on_the_table_s_clock_to_the_second()
    {
        // At a table in Las Vegas: a break from 19:20 to 19:26, a stack update at 19:49:31, the end at 19:53.
        var t = new Table(Cash(10_000) with { TimeZone = "America/Los_Angeles" }, T0)
            .Do(s => SessionDecider.StartBreak(s, new BreakCommand(T0.AddMinutes(20)), T0.AddMinutes(20)), T0.AddMinutes(20))
            .Do(s => SessionDecider.EndBreak(s, new BreakCommand(T0.AddMinutes(26)), T0.AddMinutes(26)), T0.AddMinutes(26))
            .Do(s => SessionDecider.End(s, new EndSessionCommand(T0.AddMinutes(53), CashOut: 9_000), T0.AddMinutes(53)), T0.AddMinutes(53));
        var insideTheBreak = Assert.Throws<InvalidInputException>(() => SessionDecider.Correct(t.State, new CorrectSessionCommand(EndedAt: T0.AddMinutes(23)), T0.AddHours(2)));
        Assert.Equal( // 19:26 UTC is 11:26 in Las Vegas
            "Cannot be before the last entry logged in the session, at 2026-11-20 11:26:00 at the table (America/Los_Angeles): an end at 11:26 or later keeps every entry inside it.",
            insideTheBreak.Errors["endedAt"].Single());

        t = new Table(Cash(10_000) with { TimeZone = "America/Los_Angeles" }, T0)
            .Do(s => SessionDecider.UpdateStack(s, new UpdateStackCommand(12_000, T0.AddSeconds(49 * 60 + 31)), T0.AddSeconds(49 * 60 + 31)), T0.AddSeconds(49 * 60 + 31))
            .Do(s => SessionDecider.End(s, new EndSessionCommand(T0.AddMinutes(53), CashOut: 12_000), T0.AddMinutes(53)), T0.AddMinutes(53));
        var early = Assert.Throws<InvalidInputException>(() => SessionDecider.Correct(t.State, new CorrectSessionCommand(EndedAt: T0.AddMinutes(49)), T0.AddHours(2)));
        Assert.Contains("at 2026-11-20 11:49:31 at the table (America/Los_Angeles): an end at 11:50 or later", early.Errors["endedAt"].Single(), StringComparison.Ordinal);
        var moved = Assert.Throws<InvalidInputException>(() => SessionDecider.Correct(t.State, new CorrectSessionCommand(StartedAt: T0.AddMinutes(50)), T0.AddHours(2)));
        Assert.Contains("at 2026-11-20 11:49:31 at the table (America/Los_Angeles): a start at 11:49 or earlier", moved.Errors["startedAt"].Single(), StringComparison.Ordinal);
        t.Do(s => SessionDecider.Correct(s, new CorrectSessionCommand(EndedAt: T0.AddMinutes(50)), T0.AddHours(2)), T0.AddHours(2)); // as advised
        Assert.Equal(T0.AddMinutes(50), t.State.EndedAt);
    }
}
