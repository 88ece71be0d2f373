using PokerTracker.HandHistories.Model;
using PokerTracker.HandHistories.Parsing;

namespace PokerTracker.HandHistories.Tests;

/// <summary>Hands written and worked out by hand (Hands/worked-examples.txt): every amount, card and date checked.</summary>
public sealed class PokerStarsParserTests
{
    [Fact]
    public async Task A_cash_hand_with_an_uncalled_three_bet_balances_in_cents()
    {
        var hand = await HandAsync("250000000001");

        Assert.Equal("PokerStars", hand.Site);
        Assert.Equal("USD", hand.Currency);
        Assert.Null(hand.TournamentId);
        Assert.Equal("NLHE", hand.Game);
        Assert.Equal((5L, 10L), (hand.SmallBlind, hand.BigBlind));
        Assert.Equal(new DateTimeOffset(2024, 3, 2, 20, 15, 4, TimeSpan.Zero), hand.StartedAt);
        Assert.Equal(("Adonis II", 6, 1), (hand.Table, hand.MaxSeats, hand.Button));
        Assert.Equal("Hero", hand.Hero);
        Assert.Equal("AhKd", string.Concat(hand.Seat("Hero")!.Cards));
        Assert.True(hand.Seat("Eve")!.SittingOut);
        Assert.Equal(1025, hand.Seat("Hero")!.Stack);
        Assert.Equal(new Dictionary<string, long> { ["Alice"] = 30, ["Bob"] = 5, ["Hero"] = 30, ["Dan"] = 30, ["Eve"] = 0, ["Finn"] = 0 }, hand.Contributions());
        Assert.Equal((95L, 0L), (hand.TotalPot, hand.Rake));
        var raise = hand.Actions.Single(a => a.Player == "Hero" && a.Kind == ActionKind.Raise);
        Assert.Equal((130L, 140L), (raise.Amount, raise.RaiseTo));
        Assert.Equal(110, hand.Actions.Single(a => a.Kind == ActionKind.Return).Amount);
        Assert.Empty(hand.Boards);
    }

    [Fact]
    public async Task A_tournament_hand_with_antes_and_a_side_pot_is_in_chips()
    {
        var hand = await HandAsync("250000000002");

        Assert.Equal(Hand.Chips, hand.Currency);
        Assert.Equal("3500000001", hand.TournamentId);
        Assert.Equal((50L, 100L, 10L), (hand.SmallBlind, hand.BigBlind, hand.Ante));
        Assert.Equal(new DateTimeOffset(2024, 3, 2, 20, 40, 0, TimeSpan.Zero), hand.StartedAt);
        Assert.Equal(new Dictionary<string, long> { ["Hero"] = 2500, ["Alice"] = 1000, ["Bob"] = 60, ["Carl"] = 2500 }, hand.Contributions());
        Assert.Equal(6060, hand.TotalPot);
        Assert.Equal(new Dictionary<string, long> { ["Hero"] = 6060 }, hand.Collected());
        Assert.Equal("2c7d9hJs3s", string.Concat(Assert.Single(hand.Boards)));
        Assert.Equal("TdTh", string.Concat(hand.Seat("Alice")!.Cards));
        Assert.Equal("AcKc", string.Concat(hand.Seat("Carl")!.Cards));
        Assert.True(hand.Actions.Single(a => a.Player == "Alice" && a.Kind == ActionKind.Raise).AllIn);
    }

    [Fact]
    public async Task A_zoom_omaha_hand_takes_the_currency_from_the_symbol_and_keeps_the_rake()
    {
        var hand = await HandAsync("250000000003");

        Assert.Equal(("USD", "PLO"), (hand.Currency, hand.Game));
        Assert.Equal(4, hand.Seat("Hero")!.Cards.Count);
        Assert.Equal((875L, 48L), (hand.TotalPot, hand.Rake));
        Assert.Equal(new Dictionary<string, long> { ["Hero"] = 425, ["Ann"] = 25, ["Ben"] = 425 }, hand.Contributions());
        Assert.Equal(827, hand.Collected()["Ben"]);
        Assert.Equal(new DateTimeOffset(2024, 3, 3, 6, 2, 3, TimeSpan.Zero), hand.StartedAt);
    }

    [Fact]
    public async Task A_hand_run_twice_has_two_boards_and_a_winner_on_each()
    {
        var hand = await HandAsync("250000000004");

        Assert.Equal(2, hand.Boards.Count);
        Assert.Equal("2d5h9cJd3c", string.Concat(hand.Boards[0]));
        Assert.Equal("Ah6s7s8dQs", string.Concat(hand.Boards[1]));
        Assert.Equal(new Dictionary<string, long> { ["Hero"] = 14950, ["Nia"] = 14950 }, hand.Collected());
        Assert.Equal(400, hand.Actions.Single(a => a.Kind == ActionKind.Straddle).Amount);
        Assert.Equal(14600, hand.Actions.Single(a => a.Player == "Hero" && a.Kind == ActionKind.Call).Amount);
        Assert.Equal(14900, hand.Actions.Single(a => a.Player == "Nia" && a.Kind == ActionKind.Raise).Amount);
    }

    [Fact]
    public async Task A_hand_that_does_not_balance_is_reported_and_the_others_are_read()
    {
        var text = File.ReadAllText(HandFiles.Path("worked-examples.txt")).Replace("Ben collected $8.27 from pot", "Ben collected $8.28 from pot", StringComparison.Ordinal);

        var results = await HandFiles.ReadTextAsync(new StringReader(text));

        Assert.Equal(4, results.Count);
        var bad = Assert.Single(results, r => r.Hand is null);
        Assert.Equal("250000000003", bad.HandId);
        Assert.Equal(76, bad.Line);
        Assert.Contains("the players collected 8.28 USD.", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hand_no_site_writes_is_refused_within_bounds_and_the_hands_around_it_are_read()
    {
        var good = File.ReadAllText(HandFiles.Path("worked-examples.txt"));
        // A header of 400,000 characters that the header's pattern would once have scanned again at each " (";
        // a hand of 5,000 lines; a line of 9 million characters, more than a line is ever read as.
        var text = string.Join('\n',
            good,
            "PokerStars Hand #1: x" + string.Concat(Enumerable.Repeat(" (", 200_000)),
            "PokerStars Hand #2: Hold'em No Limit ($0.01/$0.02 USD) - 2021/12/05 14:26:06 ET" + string.Concat(Enumerable.Repeat("\nSeat 1: a", 5_000)),
            "PokerStars Hand #3: Hold'em No Limit ($0.01/$0.02 USD) - 2021/12/05 14:26:06 ET\n" + new string('a', 9_000_000),
            good);

        var results = await HandFiles.ReadTextAsync(new StringReader(text));

        Assert.Equal(11, results.Count);
        Assert.Equal(8, results.Count(r => r.Hand is not null));
        Assert.Equal(["1", "2", "3"], results.Where(r => r.Hand is null).Select(r => r.HandId));
        var refused = results.Where(r => r.Hand is null).Select(r => r.Error).ToList();
        Assert.All([refused[0], refused[2]], e => Assert.EndsWith("is longer than 2,000 characters: no line of a hand is.", e, StringComparison.Ordinal));
        Assert.StartsWith("The hand goes on past 2,000 lines", refused[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_line_is_reported_with_its_line_number()
    {
        var text = File.ReadAllText(HandFiles.Path("worked-examples.txt")).Replace("Ben: calls $1.25", "Ben: juggles $1.25", StringComparison.Ordinal);

        var results = await HandFiles.ReadTextAsync(new StringReader(text));

        var bad = Assert.Single(results, r => r.Hand is null);
        Assert.Equal(87, bad.Line);
        Assert.Equal("Unrecognised action \"juggles $1.25\".", bad.Error);
        Assert.Equal(3, results.Count(r => r.Hand is not null));
    }

    [Theory]
    [InlineData("2024/03/02 15:15:04 ET]", "2024/02/30 15:15:04 ET]", "The date \"2024/02/30 15:15:04\" does not exist.", 1)]
    [InlineData("6-max Seat #1 is the button", "6-max Seat #99999999999 is the button", "The button seat 99999999999 is not a number from 1 to 10.", 2)]
    [InlineData("6-max Seat #1 is the button", "99999999999-max Seat #1 is the button", "The table size 99999999999 is not a number from 2 to 10.", 2)]
    [InlineData("Seat 1: Alice ($10 in chips)", "Seat 99999999999: Alice ($10 in chips)", "The seat 99999999999 is not a number from 1 to 10.", 3)]
    public async Task A_date_or_seat_that_cannot_be_is_reported_and_the_other_hands_are_read(string good, string bad, string reason, int line)
    {
        var text = File.ReadAllText(HandFiles.Path("worked-examples.txt"));
        Assert.Contains(good, text, StringComparison.Ordinal);
        var first = text.IndexOf(good, StringComparison.Ordinal);
        text = text[..first] + bad + text[(first + good.Length)..];

        var results = await HandFiles.ReadTextAsync(new StringReader(text));

        var refused = Assert.Single(results, r => r.Hand is null);
        Assert.Equal("250000000001", refused.HandId);
        Assert.Equal(reason, refused.Error);
        Assert.Equal(line, refused.Line); // the line that says it
        Assert.Equal(3, results.Count(r => r.Hand is not null));
    }


    [Theory]
    [InlineData("Dealt to Hero [Ah Kd]", "Dealt to Hero [Ah Kd Qc]", "250000000001", "Hero holds 3 cards (Ah Kd Qc); NLHE deals 2.")]
    [InlineData("[Qs Qh]", "[Qs 7d]", "250000000002", "7d is both on the board and in Hero's hand.")]
    [InlineData("Nia: shows [Ad Qd]", "Nia: shows [Kc Qd]", "250000000004", "Kc is in both Hero's and Nia's hands.")]
    public async Task Cards_that_cannot_be_are_reported_and_the_other_hands_are_read(string good, string bad, string id, string reason)
    {
        var text = File.ReadAllText(HandFiles.Path("worked-examples.txt"));
        Assert.Contains(good, text, StringComparison.Ordinal);
        text = text.Replace(good, bad, StringComparison.Ordinal);

        var results = await HandFiles.ReadTextAsync(new StringReader(text));

        var refused = Assert.Single(results, r => r.Hand is null);
        Assert.Equal((id, reason), (refused.HandId, refused.Error));
        Assert.Equal(3, results.Count(r => r.Hand is not null));
    }

    [Theory]
    [InlineData("*** TURN *** [2c 7d 9h] [Js]", "*** TURN *** [As 7d 9h] [Js]", "250000000002", "The turn line shows the board as [As 7d 9h], but [2c 7d 9h] was dealt.")]
    [InlineData("*** RIVER *** [Ts 4s 2h 8c] [3d]", "*** RIVER *** [Ts 4s 2h 8h] [3d]", "250000000003", "The river line shows the board as [Ts 4s 2h 8h], but [Ts 4s 2h 8c] was dealt.")]
    [InlineData("Board [2c 7d 9h Js 3s]", "Board [2c 8d 9h Js 3s]", "250000000002", "The summary's board [2c 8d 9h Js 3s] is not the one dealt [2c 7d 9h Js 3s].")]
    [InlineData("SECOND Board [Ah 6s 7s 8d Qs]", "SECOND Board [Ah 6s 7s 8d Kc]", "250000000004", "The summary's board [Ah 6s 7s 8d Kc] is not the one dealt [Ah 6s 7s 8d Qs].")]
    [InlineData("*** SECOND TURN *** [Ah 6s 7s] [8d]", "*** SECOND TURN *** [2d 5h 9c] [8d]", "250000000004", "The second turn line shows the board as [2d 5h 9c], but [Ah 6s 7s] was dealt.")]
    public async Task A_board_that_contradicts_itself_is_reported_and_the_other_hands_are_read(string good, string bad, string id, string reason)
    {
        await Cards_that_cannot_be_are_reported_and_the_other_hands_are_read(good, bad, id, reason);
    }

    [Fact]
    public async Task A_play_money_cash_hand_is_in_play_money_never_a_tournaments_chips()
    {
        const string text = """
            PokerStars Hand #293000000001:  Hold'em No Limit (25/50) - 2024/07/01 12:00:00 ET
            Table 'Play Table' 6-max (Play Money) Seat #1 is the button
            Seat 1: Villain (5000 in chips)
            Seat 2: Hero (5000 in chips)
            Villain: posts small blind 25
            Hero: posts big blind 50
            *** HOLE CARDS ***
            Dealt to Hero [Ah Kd]
            Villain: folds
            Uncalled bet (25) returned to Hero
            Hero collected 50 from pot
            *** SUMMARY ***
            Total pot 50 | Rake 0
            """;
        var hand = Assert.Single(await HandFiles.ReadTextAsync(new StringReader(text))).Hand!;
        Assert.Equal(Hand.PlayMoney, hand.Currency);
        Assert.Null(hand.TournamentId);
        Assert.Equal((25L, 50L), (hand.SmallBlind, hand.BigBlind));
        Assert.True(Hand.InChips(hand.Currency));
    }

    [Fact]
    public async Task Line_endings_a_byte_order_mark_and_text_before_the_first_hand_are_handled()
    {
        var text = "\uFEFF" + File.ReadAllText(HandFiles.Path("worked-examples.txt")).Replace("\n", "\r\n", StringComparison.Ordinal);
        Assert.All(await HandFiles.ReadTextAsync(new StringReader(text)), r => Assert.Null(r.Error));

        var junk = await HandFiles.ReadTextAsync(new StringReader("PokerStars Hand #1: oops\nnot a hand\n"));
        Assert.Equal("The first line is not a PokerStars hand header.", Assert.Single(junk).Error);
    }

    [Fact]
    public async Task Files_joined_end_to_end_each_with_a_byte_order_mark_read_as_one()
    {
        var one = "\uFEFF" + File.ReadAllText(HandFiles.Path("worked-examples.txt"));

        var results = await HandFiles.ReadTextAsync(new StringReader(one + "\n\n" + one + "\n" + one));

        Assert.Equal(12, results.Count);
        Assert.All(results, r => Assert.Null(r.Error));
    }

    [Fact]
    public async Task A_file_in_no_known_format_is_refused()
    {
        await Assert.ThrowsAsync<UnknownFormatException>(() => HandFiles.ReadTextAsync(new StringReader("date,venue,result\n2024-01-01,Bellagio,100\n")));
        await Assert.ThrowsAsync<UnknownFormatException>(() => HandFiles.ReadTextAsync(new StringReader("")));
    }

    private static async Task<Hand> HandAsync(string id)
    {
        var results = await HandFiles.ReadAsync("worked-examples.txt");
        Assert.All(results, r => Assert.Null(r.Error));
        return results.Single(r => r.HandId == id).Hand!;
    }
}
