using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.Tests;

/// <summary>What the rules refuse, and how they say it.</summary>
public sealed partial class SessionRulesTests
{
    [Theory]
    [InlineData(-1, "amount")]
    [InlineData(0, "amount")]
    [InlineData(Limits.MaxAmount + 1, "amount")]
    public void Buy_ins_must_be_positive_and_bounded(long amount, string field)
    {
        var t = new Table(Cash(), T0);
        var error = Assert.Throws<InvalidInputException>(() => SessionDecider.AddBuyIn(t.State, new AddBuyInCommand("rebuy", amount), T0.AddMinutes(1)));
        Assert.Contains(field, error.Errors.Keys);
        if (amount > Limits.MaxAmount)
        {
            // The limit is said in the player's money, not in the API's minor units.
            Assert.Contains("Must be at most $10,000,000,000.00: no real amount comes near it.", error.Errors[field]);
        }
    }

    [Fact]
    public void A_session_has_one_initial_buy_in_and_more_money_is_a_rebuy_or_an_add_on()
    {
        var t = new Table(Cash(), T0);
        var again = Assert.Throws<InvalidInputException>(() => SessionDecider.AddBuyIn(t.State, new AddBuyInCommand("initial", 100), T0.AddMinutes(1)));
        Assert.Equal(["The session already has its initial buy-in: log more money as a rebuy or an add-on."], again.Errors["kind"]);
        t.Do(s => SessionDecider.AddBuyIn(s, new AddBuyInCommand("rebuy", 100), T0.AddMinutes(1)), T0.AddMinutes(1));

        // Started without one (the buy-in left for later), the first may be the initial one.
        var later = new Table(Cash() with { BuyIn = null }, T0);
        later.Do(s => SessionDecider.AddBuyIn(s, new AddBuyInCommand("initial", 20_000), T0.AddMinutes(1)), T0.AddMinutes(1));
        Assert.Equal(20_000, later.State.TotalInvested);
    }

    [Fact]
    public void Times_may_not_be_in_the_future_nor_before_the_start()
    {
        var t = new Table(Cash(), T0);
        var future = Assert.Throws<InvalidInputException>(() => SessionDecider.UpdateStack(t.State, new UpdateStackCommand(1, T0.AddHours(2)), T0.AddHours(1)));
        Assert.Contains("at", future.Errors.Keys);
        var before = Assert.Throws<InvalidInputException>(() => SessionDecider.AddNote(t.State, new AddNoteCommand("x", T0.AddMinutes(-1)), T0.AddHours(1)));
        Assert.Contains("at", before.Errors.Keys);
        var start = Assert.Throws<InvalidInputException>(() => SessionDecider.Start(Cash() with { StartedAt = T0.AddMinutes(10) }, T0));
        Assert.Contains("startedAt", start.Errors.Keys);
    }

    [Fact]
    public void A_tournament_is_entered_by_its_terms_not_by_a_buy_in_besides_them()
    {
        // The buy-in and fee are the entry: a buy-in as well would count the entry twice (invested 112,000 for a 560 event).
        var twice = Assert.Throws<InvalidInputException>(() => SessionDecider.Start(Tournament() with { BuyIn = 55_000 }, T0));
        Assert.Equal(["buyIn"], twice.Errors.Keys);
        Assert.Equal(55_000, new Table(Tournament(), T0).State.TotalInvested);
    }

    [Fact]
    public void A_start_names_every_bad_field_at_once()
    {
        var bad = new StartSessionCommand("poker", "Bridge", "tv", "", "usd", Tags: [new string('x', 31)], StartedAt: T0, Stakes: new StakesInput(200, 100), BuyIn: -5);
        var error = Assert.Throws<InvalidInputException>(() => SessionDecider.Start(bad, T0));
        Assert.Superset(new HashSet<string> { "kind", "game", "format", "venue", "currency", "tags", "buyIn" }, error.Errors.Keys.ToHashSet());
    }

    [Fact]
    public void A_tournament_result_must_place_within_the_field()
    {
        var t = new Table(Tournament(), T0);
        var error = Assert.Throws<InvalidInputException>(() =>
            SessionDecider.End(t.State, new EndSessionCommand(T0.AddHours(1), Prize: 0, FinishPosition: 200, FieldSize: 100), T0.AddHours(1)));
        Assert.Contains("finishPosition", error.Errors.Keys);
        Assert.Throws<InvalidInputException>(() => SessionDecider.End(t.State, new EndSessionCommand(T0.AddHours(1), CashOut: 5), T0.AddHours(1)));
    }
}
