using PokerTracker.HandHistories.Model;
using PokerTracker.HandHistories.Statistics;

namespace PokerTracker.HandHistories.Tests;

/// <summary>
/// Two of the worked examples written as Open Hand History (one pretty-printed, one on a line, a
/// blank line between): the same hands as the PokerStars text, amount for amount.
/// </summary>
public sealed class OpenHandHistoryTests
{
    [Theory]
    [InlineData("250000000001")]
    [InlineData("250000000004")]
    public async Task An_ohh_hand_reads_like_the_same_hand_in_pokerstars_text(string id)
    {
        var ohh = (await HandFiles.ReadAsync("worked-examples.ohh")).Single(r => r.HandId == id);
        var text = (await HandFiles.ReadAsync("worked-examples.txt")).Single(r => r.HandId == id);
        Assert.Null(ohh.Error);
        Hand a = ohh.Hand!, b = text.Hand!;

        Assert.Equal((b.Site, b.StartedAt, b.Currency, b.Game, b.SmallBlind, b.BigBlind, b.Button, b.Hero), (a.Site, a.StartedAt, a.Currency, a.Game, a.SmallBlind, a.BigBlind, a.Button, a.Hero));
        Assert.Equal(b.Contributions(), a.Contributions());
        Assert.Equal(b.Collected(), a.Collected());
        Assert.Equal((b.TotalPot, b.Rake), (a.TotalPot, a.Rake));
        Assert.Equal(b.Boards.Select(x => string.Concat(x)), a.Boards.Select(x => string.Concat(x)));
        Assert.Equal(b.Seats.Select(s => (s.Player, s.Stack, s.SittingOut)), a.Seats.Select(s => (s.Player, s.Stack, s.SittingOut)));
        Assert.Equal(PlayerFacts.Of(b), PlayerFacts.Of(a));
        Assert.Equal(
            b.Actions.Select(x => (x.Street, x.Player, x.Kind, x.Amount, x.AllIn)),
            a.Actions.Select(x => (x.Street, x.Player, x.Kind, x.Amount, x.AllIn)));
    }

    /// <summary>A hand's money is counted in its currency's minor unit as ISO 4217 has it, as a recorded session's is.</summary>
    [Theory]
    [InlineData("USD", 100)]
    [InlineData("KWD", 1_000)]
    public async Task A_hands_amounts_are_in_the_minor_unit_of_its_currency(string currency, long unitsPerWhole)
    {
        var oneLine = (await File.ReadAllLinesAsync(HandFiles.Path("worked-examples.ohh"))).Single(l => l.StartsWith("{\"ohh\"", StringComparison.Ordinal));

        var hand = Assert.Single(await HandFiles.ReadTextAsync(new StringReader(oneLine.Replace("\"currency\":\"USD\"", $"\"currency\":\"{currency}\"", StringComparison.Ordinal)))).Hand!;

        Assert.Equal((currency, 1 * unitsPerWhole, 2 * unitsPerWhole), (hand.Currency, hand.SmallBlind, hand.BigBlind));
        Assert.Equal(200 * unitsPerWhole, hand.Seats.Single(s => s.Player == "Hero").Stack);
    }

    [Fact]
    public async Task A_half_peso_is_not_an_amount_in_a_currency_without_cents()
    {
        var oneLine = (await File.ReadAllLinesAsync(HandFiles.Path("worked-examples.ohh"))).Single(l => l.StartsWith("{\"ohh\"", StringComparison.Ordinal));

        var read = Assert.Single(await HandFiles.ReadTextAsync(new StringReader(oneLine.Replace("\"currency\":\"USD\"", "\"currency\":\"CLP\"", StringComparison.Ordinal))));

        Assert.Equal("win_amount 149.5 is not an amount in CLP.", read.Error); // the split pot's half: pesos have no cents
    }

    [Fact]
    public async Task A_broken_object_is_reported_and_the_next_one_is_read()
    {
        var good = await File.ReadAllTextAsync(HandFiles.Path("worked-examples.ohh"));
        var broken = good.Replace("\"amount\": 0.95, \"rake\": 0", "\"amount\": 0.96, \"rake\": 0", StringComparison.Ordinal)
            + "\n{\"ohh\": {\"game_number\": \"9\", \"players\": [}}\n";

        var results = await HandFiles.ReadTextAsync(new StringReader(broken));

        Assert.Equal(3, results.Count);
        Assert.Contains("but the pot is 0.96 USD.", results[0].Error, StringComparison.Ordinal);
        Assert.Null(results[1].Error);
        Assert.StartsWith("Not valid JSON", results[2].Error, StringComparison.Ordinal);
        Assert.Equal(55, results[2].Line);
    }

    [Fact]
    public async Task Two_seats_of_one_name_are_refused_as_a_hand_and_the_file_goes_on()
    {
        var oneLine = (await File.ReadAllLinesAsync(HandFiles.Path("worked-examples.ohh"))).Single(l => l.StartsWith("{\"ohh\"", StringComparison.Ordinal));
        var twice = oneLine.Replace("\"name\":\"Oli\"", "\"name\":\"Max\"", StringComparison.Ordinal);
        Assert.NotEqual(oneLine, twice);

        var results = await HandFiles.ReadTextAsync(new StringReader(twice + "\n" + oneLine));

        Assert.Equal([false, true], results.Select(r => r.Error is null));
        Assert.Equal("Two seats are named Max: a hand's players must have different names.", results[0].Error);
    }

    [Fact]
    public async Task A_hand_that_never_closes_is_dropped_past_4_MB_and_the_next_hand_is_read()
    {
        var oneLine = (await File.ReadAllLinesAsync(HandFiles.Path("worked-examples.ohh"))).Single(l => l.StartsWith("{\"ohh\"", StringComparison.Ordinal));
        var endless = "{\"ohh\": {\"game_number\": \"1\", \"note\": \"" + string.Concat(Enumerable.Repeat("\n" + new string('a', 1_000_000), 5));

        var results = await HandFiles.ReadTextAsync(new StringReader(endless + "\n" + oneLine));

        Assert.Equal([false, true], results.Select(r => r.Error is null));
        Assert.StartsWith("The hand goes on past 4 MB of text (line 6)", results[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hand_cut_off_before_the_next_is_refused_and_every_hand_after_it_is_read()
    {
        var lines = await File.ReadAllLinesAsync(HandFiles.Path("worked-examples.ohh"));
        var pretty = string.Join('\n', lines.TakeWhile(l => !l.StartsWith("{\"ohh\"", StringComparison.Ordinal))).TrimEnd();
        var oneLine = lines.Single(l => l.StartsWith("{\"ohh\"", StringComparison.Ordinal));
        const string cut = "{\"ohh\": {\"spec_version\": \"1.4.6\", \"site_name\": \"PokerStars\", \"game_number\": \"x\", \"players\": [";
        var prettyCut = string.Join('\n', pretty.Split('\n').Take(20));

        // A line cut in the middle of a one-line hand, then a pretty-printed hand; a pretty-printed
        // hand cut off, then a one-line hand; a pretty-printed hand cut, then a pretty-printed one.
        var results = await HandFiles.ReadTextAsync(new StringReader(string.Join('\n', cut, pretty, prettyCut, oneLine, prettyCut, pretty)));

        Assert.Equal(6, results.Count);
        Assert.Equal([false, true, false, true, false, true], results.Select(r => r.Error is null));
        Assert.Equal(["250000000001", "250000000004", "250000000001"], results.Where(r => r.Error is null).Select(r => r.HandId));
        Assert.All(results.Where(r => r.Error is not null), r => Assert.StartsWith("The hand is cut off", r.Error, StringComparison.Ordinal));
        Assert.Equal([1, 2, 53, 73, 74, 94], results.Select(r => r.Line));
    }

    [Fact]
    public async Task Unsupported_games_and_unknown_actions_say_so()
    {
        var line = File.ReadAllLines(HandFiles.Path("worked-examples.ohh")).Single(l => l.StartsWith("{\"ohh\"", StringComparison.Ordinal));

        var hiLo = await HandFiles.ReadTextAsync(new StringReader(line.Replace("\"Holdem\"", "\"OmahaHiLo\"", StringComparison.Ordinal)));
        var dance = await HandFiles.ReadTextAsync(new StringReader(line.Replace("\"Fold\"", "\"Dance\"", StringComparison.Ordinal)));

        Assert.Equal("The game \"OmahaHiLo\" is not supported (Holdem and Omaha are).", Assert.Single(hiLo).Error);
        Assert.Equal("Unknown action \"Dance\".", Assert.Single(dance).Error);
    }
}
