using PokerTracker.HandHistories.Statistics;

namespace PokerTracker.HandHistories.Tests;

/// <summary>
/// Each player's counters in the worked examples, worked out by hand from the action lines
/// (flags: V=VPIP, P=PFR, 3c/3b = 3-bet chance/made, f3c/f3 = fold-to-3-bet chance/made,
/// cc/cb = c-bet chance/made, F=saw flop, S=went to showdown, W=won at showdown).
/// </summary>
public sealed class PlayerFactsTests
{
    [Theory]
    // An open, a flat, a 3-bet from the big blind: the opener folds to it.
    [InlineData("250000000001", "Hero", "BB", 30, 95, "V P 3c 3b")]
    [InlineData("250000000001", "Dan", "HJ", 30, 0, "V P f3c f3")]
    [InlineData("250000000001", "Alice", "BTN", 30, 0, "V 3c")]
    [InlineData("250000000001", "Finn", "CO", 0, 0, "3c")]
    [InlineData("250000000001", "Bob", "SB", 5, 0, "3c")]
    // Open, all-in 3-bet, a cold call, a 4-bet shove: three players see the board to the showdown.
    [InlineData("250000000002", "Hero", "CO", 2500, 6060, "V P f3c F S W")]
    [InlineData("250000000002", "Alice", "BTN", 1000, 0, "V P 3c 3b F S")]
    [InlineData("250000000002", "Carl", "BB", 2500, 0, "V F S")]
    [InlineData("250000000002", "Bob", "SB", 60, 0, "")]
    // A raise called by the big blind, a c-bet called, the river bet folded to: no showdown.
    [InlineData("250000000003", "Hero", "BTN", 425, 0, "V P cc cb F")]
    [InlineData("250000000003", "Ben", "BB", 425, 827, "V 3c F")]
    [InlineData("250000000003", "Ann", "SB", 25, 0, "3c")]
    // A straddle, a shove from the small blind called by the straddler, run twice.
    [InlineData("250000000004", "Hero", "CO", 15000, 14950, "V 3c F S W")]
    [InlineData("250000000004", "Nia", "SB", 15000, 14950, "V P F S W")]
    [InlineData("250000000004", "Oli", "BB", 200, 0, "3c")]
    [InlineData("250000000004", "Max", "BTN", 0, 0, "")]
    public async Task Counters_match_the_hand_worked_out_by_hand(string handId, string player, string position, long invested, long collected, string flags)
    {
        var results = await HandFiles.ReadAsync("worked-examples.txt");
        var facts = PlayerFacts.Of(results.Single(r => r.HandId == handId).Hand!).Single(f => f.Player == player);

        Assert.Equal((position, invested, collected, collected - invested), (facts.Position, facts.Invested, facts.Collected, facts.Net));
        Assert.Equal(flags, Flags(facts));
    }

    [Fact]
    public async Task An_opener_who_faces_a_3_bet_and_a_4_bet_before_acting_has_no_fold_to_3_bet_chance()
    {
        const string hand = """
            PokerStars Hand #250000000099:  Hold'em No Limit ($0.05/$0.10 USD) - 2024/03/02 21:15:04 CET [2024/03/02 15:15:04 ET]
            Table 'Adonis II' 6-max Seat #1 is the button
            Seat 1: Alice ($10 in chips)
            Seat 2: Bob ($12.40 in chips)
            Seat 3: Hero ($10.25 in chips)
            Seat 4: Dan ($9.10 in chips)
            Bob: posts small blind $0.05
            Hero: posts big blind $0.10
            *** HOLE CARDS ***
            Dealt to Hero [Ah Ad]
            Dan: raises $0.20 to $0.30
            Alice: raises $0.60 to $0.90
            Bob: folds
            Hero: raises $2 to $2.90
            Dan: folds
            Alice: folds
            Uncalled bet ($2) returned to Hero
            Hero collected $2.15 from pot
            Hero: doesn't show hand
            *** SUMMARY ***
            Total pot $2.15 | Rake $0
            Seat 1: Alice (button) folded before Flop
            Seat 2: Bob (small blind) folded before Flop
            Seat 3: Hero (big blind) collected ($2.15)
            Seat 4: Dan folded before Flop
            """;
        var result = Assert.Single(await HandFiles.ReadTextAsync(new StringReader(hand)));
        var facts = PlayerFacts.Of(result.Hand!);

        Assert.Equal("V P", Flags(facts.Single(f => f.Player == "Dan"))); // he faced a 4-bet when he folded
        Assert.Equal("V P 3c 3b", Flags(facts.Single(f => f.Player == "Alice")));
        Assert.Equal("V P", Flags(facts.Single(f => f.Player == "Hero")));
    }

    [Fact]
    public async Task Postflop_aggression_counts_bets_and_raises_against_calls()
    {
        var results = await HandFiles.ReadAsync("worked-examples.txt");
        var facts = PlayerFacts.Of(results.Single(r => r.HandId == "250000000003").Hand!);

        Assert.Equal((1, 0), (facts.Single(f => f.Player == "Hero").PostflopAggressive, facts.Single(f => f.Player == "Hero").PostflopCalls));
        Assert.Equal((1, 1), (facts.Single(f => f.Player == "Ben").PostflopAggressive, facts.Single(f => f.Player == "Ben").PostflopCalls));
    }

    [Fact]
    public async Task A_seat_sitting_out_is_not_dealt_in()
    {
        var results = await HandFiles.ReadAsync("worked-examples.txt");

        Assert.DoesNotContain(PlayerFacts.Of(results[0].Hand!), f => f.Player == "Eve");
    }

    /// <summary>A button left on an empty seat: whoever sits last before the blinds is the button, wherever that seat is.</summary>
    [Theory]
    [InlineData(6, new[] { 1, 2, 3, 4 })] // the button past the last seat: seat 4 acts as the button
    [InlineData(3, new[] { 1, 2, 4, 5 })] // the button between seats: seat 2 does
    public async Task A_dead_button_makes_the_last_seat_before_the_blinds_the_button(int button, int[] seats)
    {
        var names = new[] { "Ann", "Bob", "Cid", "Hero" };
        var (sb, bb) = button == 6 ? ("Ann", "Bob") : ("Cid", "Hero");
        var hand = $"""
            PokerStars Hand #280000000199:  Hold'em No Limit ($0.05/$0.10 USD) - 2024/03/02 15:15:04 ET
            Table 'Dead' 6-max Seat #{button} is the button
            {string.Join("\n", seats.Select((seat, i) => $"Seat {seat}: {names[i]} ($10 in chips)"))}
            {sb}: posts small blind $0.05
            {bb}: posts big blind $0.10
            *** HOLE CARDS ***
            Dealt to Hero [Ah Kd]
            {string.Join("\n", names.Except([sb, bb]).Select(n => $"{n}: folds"))}
            {sb}: folds
            Uncalled bet ($0.05) returned to {bb}
            {bb} collected $0.10 from pot
            *** SUMMARY ***
            Total pot $0.10 | Rake $0
            """;
        var results = await HandFiles.ReadTextAsync(new StringReader(hand));
        var positions = PlayerFacts.Of(Assert.Single(results).Hand!).ToDictionary(f => f.Player, f => f.Position);
        var buttonSeat = seats.Where(s => s < button).DefaultIfEmpty(seats.Max()).Max();
        Assert.Equal("BTN", positions[names[Array.IndexOf(seats, buttonSeat)]]);
        Assert.Equal(("SB", "BB"), (positions[sb], positions[bb]));
    }

    private static string Flags(PlayerFacts f) => string.Join(' ', new (bool, string)[]
    {
        (f.Vpip, "V"), (f.Pfr, "P"), (f.ThreeBetChance, "3c"), (f.ThreeBet, "3b"), (f.FoldToThreeBetChance, "f3c"), (f.FoldToThreeBet, "f3"),
        (f.CBetChance, "cc"), (f.CBet, "cb"), (f.SawFlop, "F"), (f.WentToShowdown, "S"), (f.WonAtShowdown, "W"),
    }.Where(x => x.Item1).Select(x => x.Item2));
}
