using PokerTracker.HandHistories.Model;
using PokerTracker.HandHistories.Review;
using PokerTracker.HandHistories.Statistics;
using PokerTracker.Trainer.Cards;
using PokerTracker.Trainer.Equity;
using PokerTracker.Trainer.Solver;

namespace PokerTracker.HandHistories.Tests;

public sealed class AllInAndReviewTests
{
    [Fact]
    public void Equity_on_the_turn_counts_the_outs()
    {
        // Qs Qh against Ac Kc on 2c 7d 9h Js: the three aces and three kings left win for Ac Kc, the other 38 of 44 river cards for the queens.
        var equity = AllInEquity.Equity(Cards("Qs Qh"), Cards("Ac Kc"), Cards("2c 7d 9h Js"));

        Assert.Equal(38.0 / 44, equity, 12);
    }

    [Fact]
    public void Preflop_equity_averaged_over_a_class_matchup_is_the_committed_table_value()
    {
        // The table was built by its own tool with suit isomorphism; here every pair of concrete hands is enumerated in full.
        var kings = HandClass.Parse("KK");
        var aceQueen = HandClass.Parse("AQs");
        var equities = kings.Hands().SelectMany(k => aceQueen.Hands().Select(a => (k, a)))
            .Where(p => (Mask(p.k) & Mask(p.a)) == 0)
            .Select(p => AllInEquity.Equity([p.k.Item1, p.k.Item2], [p.a.Item1, p.a.Item2], []))
            .ToList();

        Assert.Equal(24, equities.Count);
        Assert.Equal(EquityTable.Default.Equity(kings, aceQueen), equities.Average(), 9);
    }

    [Fact]
    public async Task A_heads_up_all_in_before_the_flop_is_judged_by_equity_and_a_three_way_one_is_not()
    {
        var results = await HandFiles.ReadAsync("worked-examples.txt");
        var runTwice = AllInEquity.Of(results.Single(r => r.HandId == "250000000004").Hand!);
        var threeWay = AllInEquity.Of(results.Single(r => r.HandId == "250000000002").Hand!);
        var noAllIn = AllInEquity.Of(results.Single(r => r.HandId == "250000000003").Hand!);

        Assert.NotNull(runTwice);
        Assert.Equal((Street.Preflop, 29900L), (runTwice.Street, runTwice.Pot));
        Assert.Equal(AllInEquity.Equity(Cards("Kc Kh"), Cards("Ad Qd"), []), runTwice.EquityOf("Hero"), 12);
        Assert.InRange(runTwice.EquityOf("Hero"), 0.66, 0.70); // kings against ace-queen suited: about two to one
        Assert.Null(threeWay);
        Assert.Null(noAllIn);
    }

    [Fact]
    public async Task An_all_in_called_by_two_who_bet_on_after_it_is_not_judged()
    {
        // Alice is all-in before the flop for 500; Hero and Carl call, and bet on into a side pot that Alice cannot
        // win until Carl folds on the turn. Alice's and Hero's money did not go in on the turn, nor for 3,550 together.
        const string text = """
            PokerStars Hand #250000000077: Tournament #3500000002, $5+$0.50 USD Hold'em No Limit - Level III (50/100) - 2024/03/02 16:00:00 ET
            Table '3500000002 1' 9-max Seat #1 is the button
            Seat 1: Alice (500 in chips)
            Seat 2: Hero (5000 in chips)
            Seat 3: Carl (5000 in chips)
            Hero: posts small blind 50
            Carl: posts big blind 100
            *** HOLE CARDS ***
            Dealt to Hero [Qs Qh]
            Alice: raises 400 to 500 and is all-in
            Hero: calls 450
            Carl: calls 400
            *** FLOP *** [2c 7d 9h]
            Hero: bets 500
            Carl: calls 500
            *** TURN *** [2c 7d 9h] [Js]
            Hero: bets 1500
            Carl: folds
            Uncalled bet (1500) returned to Hero
            *** RIVER *** [2c 7d 9h Js] [3s]
            *** SHOW DOWN ***
            Hero: shows [Qs Qh] (a pair of Queens)
            Hero collected 1000 from side pot
            Alice: shows [Ac Kd] (high card Ace)
            Hero collected 1500 from main pot
            *** SUMMARY ***
            Total pot 2500 Main pot 1500. Side pot 1000. | Rake 0
            """;
        var result = Assert.Single(await HandFiles.ReadTextAsync(new StringReader(text)));
        Assert.Null(result.Error);

        Assert.Null(AllInEquity.Of(result.Hand!));
    }

    [Theory]
    [InlineData("sb-shove", TrainingSeat.SmallBlind, 12.0, 0.0, "K7o", TrainingChoice.Aggressive)]
    [InlineData("sb-fold", TrainingSeat.SmallBlind, 8.2, 0.25, "93o", TrainingChoice.Fold)] // five antes of 0.1 are 0.25 each in the heads-up game; 7.9 behind the ante, as in the hand
    [InlineData("bb-call", TrainingSeat.BigBlind, 12.0, 0.0, "A5s", TrainingChoice.Aggressive)]
    [InlineData("bb-fold", TrainingSeat.BigBlind, 20.0, 0.0, "QTo", TrainingChoice.Fold)]
    [InlineData("sb-fold-aces-kings", TrainingSeat.SmallBlind, 10.0, 0.0, "AKo", TrainingChoice.Fold)]
    public async Task Push_fold_spots_of_the_hero_are_found(string name, TrainingSeat seat, double stack, double ante, string hand, TrainingChoice choice)
    {
        var spot = PushFoldSpot.Of(await ReviewHandAsync(name));

        Assert.Equal(new PushFoldSpot(seat, stack, ante, HandClass.Parse(hand), choice), spot);
    }

    [Theory]
    [InlineData("sb-limp")]
    [InlineData("not-folded-to")]
    [InlineData("too-deep")]
    public async Task Other_preflop_situations_are_not_push_fold_spots(string name) =>
        Assert.Null(PushFoldSpot.Of(await ReviewHandAsync(name)));

    [Fact]
    public async Task A_big_blind_ante_is_dead_money_shared_by_the_two_blinds_in_the_heads_up_game()
    {
        // The big blind posts 1bb of ante for the table: 0.5bb each in the model. The small blind's 1,500 (7.5bb) are
        // all it can put in; the big blind could put 2,800 besides its ante. So 7.5 + 0.5 = 8.0bb, each posting 0.5.
        var spot = PushFoldSpot.Of(await BlindsOnlyHandAsync("Xan: posts the ante 200\n", "1500", 400, raise: true));

        Assert.Equal(new PushFoldSpot(TrainingSeat.SmallBlind, 8.0, 0.5, HandClass.Parse("AKo"), TrainingChoice.Aggressive), spot);
        Assert.Equal(new PushFoldSpot(TrainingSeat.SmallBlind, 2.0, 0.5, HandClass.Parse("AKo"), TrainingChoice.Fold),
            PushFoldSpot.Of(await BlindsOnlyHandAsync("Xan: posts the ante 200\n", "300", 400)));
        // The same chips at stake as the hand: a fold gives up the blind (0.5bb), a shove the big blind folds to wins the
        // blinds and the ante (1.5 + 1bb), and a called one plays for 2·7.5 + 1 = 16bb, in the hand as in the model (2·8).
    }

    [Theory]
    [InlineData("Ugo: posts the ante 25\nVic: posts the ante 25\nHero: posts the ante 25\nXan: posts the ante 25\n", "200", 300, "a stack short of the blind and the ante (1.1 bb with 0.25 each)")]
    [InlineData("Xan: posts the ante 200\n", "150", 400, "a small blind short of a big blind: 0.75 + 0.5 = 1.25bb, under the model's blind and ante (1.5bb)")]
    public async Task A_spot_the_solver_cannot_model_is_left_out_and_never_fails_the_import(string antes, string heroChips, int pot, string why) =>
        Assert.True(PushFoldSpot.Of(await BlindsOnlyHandAsync(antes, heroChips, pot)) is null, why);

    private static async Task<Hand> BlindsOnlyHandAsync(string antes, string heroChips, int pot, bool raise = false)
    {
        // Folded to the hero in the small blind, who shoves (the big blind folds) or folds.
        var returned = int.Parse(heroChips) - 200;
        var (ending, total) = raise
            ? ($"Hero: raises {returned} to {heroChips} and is all-in\nXan: folds\nUncalled bet ({returned}) returned to Hero\nHero collected {pot + 200} from pot", pot + 200)
            : ($"Hero: folds\nUncalled bet (100) returned to Xan\nXan collected {pot} from pot", pot);
        var text = $$"""
            PokerStars Hand #260000000099: Tournament #3600000001, $5+$0.50 USD Hold'em No Limit - Level XI (100/200) - 2024/04/01 20:01:00 ET
            Table '3600000001 1' 6-max Seat #2 is the button
            Seat 1: Ugo (9000 in chips)
            Seat 2: Vic (5000 in chips)
            Seat 3: Hero ({{heroChips}} in chips)
            Seat 4: Xan (3000 in chips)
            {{antes}}Hero: posts small blind 100
            Xan: posts big blind 200
            *** HOLE CARDS ***
            Dealt to Hero [Ah Kd]
            Ugo: folds
            Vic: folds
            {{ending}}
            *** SUMMARY ***
            Total pot {{total}} | Rake 0
            """;
        var result = Assert.Single(await HandFiles.ReadTextAsync(new StringReader(text)));
        Assert.Null(result.Error);
        return result.Hand!;
    }

    private static async Task<Hand> ReviewHandAsync(string name)
    {
        var results = await HandFiles.ReadAsync("push-fold-spots.txt");
        var ids = new Dictionary<string, string>
        {
            ["sb-shove"] = "260000000001", ["sb-fold"] = "260000000002", ["bb-call"] = "260000000003", ["bb-fold"] = "260000000004",
            ["sb-limp"] = "260000000005", ["not-folded-to"] = "260000000006", ["too-deep"] = "260000000007", ["sb-fold-aces-kings"] = "260000000008",
        };
        var result = results.Single(r => r.HandId == ids[name]);
        Assert.Null(result.Error);
        return result.Hand!;
    }

    private static List<Card> Cards(string text) => [.. text.Split(' ').Select(Card.Parse)];

    private static ulong Mask((Card, Card) hand) => hand.Item1.Mask | hand.Item2.Mask;
}
