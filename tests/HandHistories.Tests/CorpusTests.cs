using System.Globalization;
using System.Text.RegularExpressions;
using PokerTracker.HandHistories.Parsing;
using PokerTracker.HandHistories.Statistics;

namespace PokerTracker.HandHistories.Tests;

/// <summary>
/// Real PokerStars files from public repositories (Hands/corpus, licences in LICENCES.md): every
/// hand is read and balances, except the ones listed here, each refused for its stated reason.
/// </summary>
public sealed class CorpusTests
{
    private static readonly Dictionary<string, string> Refused = new()
    {
        ["86008517721"] = "Omaha Hi/Lo",
        ["109680525613"] = "Omaha Hi/Lo",
        ["109677324649"] = "Omaha Hi/Lo",
        ["109713978619"] = "Omaha Hi/Lo",
        ["109666240138"] = "Omaha Hi/Lo",
        ["109716666902"] = "Omaha Hi/Lo",
        ["109707013172"] = "Omaha Hi/Lo",
        // Edited by hand in their repository: a raise nobody called is never returned, the antes are missing from the pot, a player posts under another name.
        ["61777648755"] = "The players put in 5.00 USD but the pot is 2.50 USD.",
        ["61910233643"] = "The players put in 45.00 USD but the pot is 9.00 USD.",
        ["109715173634"] = "The players put in 0.90 USD but the pot is 0.50 USD.",
        ["78407803350"] = "Unreadable uncalled bet",
        ["110222853693"] = "at least two seats",
        ["109681289672"] = "no summary",
        // Written for a parser's street test: the 5d is shown in a hand and is on the board too.
        ["109687480274"] = "5d is both on the board and in Fishmax3's hand",
    };

    [Fact]
    public async Task Every_hand_of_the_corpus_is_read_and_balances_or_is_refused_for_its_reason()
    {
        var read = 0;
        var refused = new List<(string File, HandParseResult Result)>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Hands", "corpus"), "*.txt"))
        {
            using var reader = new StreamReader(file);
            await foreach (var result in HandHistoryReader.Default.ReadAsync(reader))
            {
                if (result.Hand is { } hand)
                {
                    read++;
                    Assert.Equal(hand.TotalPot - hand.Rake, hand.Winnings.Sum(w => w.Amount));
                    var facts = PlayerFacts.Of(hand);
                    Assert.Equal(hand.Rake - hand.AddedToPot, -facts.Sum(f => f.Net));
                }
                else
                {
                    refused.Add((Path.GetFileName(file), result));
                }
            }
        }

        Assert.Equal(756, read);
        Assert.All(refused, r =>
        {
            Assert.True(Refused.TryGetValue(r.Result.HandId ?? "", out var reason), $"{r.File} line {r.Result.Line}: {r.Result.Error}");
            Assert.Contains(reason, r.Result.Error, StringComparison.Ordinal);
        });
        Assert.Equal(Refused.Keys.Order(), refused.Select(r => r.Result.HandId!).Distinct().Order());
    }

    [Fact]
    public async Task Corpus_hands_keep_what_the_summary_says_each_player_won()
    {
        // The summary's "collected ($x)" / "won ($x)" per seat is written by the site independently of the action lines.
        var checkedHands = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Hands", "corpus"), "santiweight_*.txt"))
        {
            var text = await File.ReadAllTextAsync(file);
            using var reader = new StringReader(text);
            await foreach (var result in HandHistoryReader.Default.ReadAsync(reader))
            {
                var hand = result.Hand!;
                var block = text[text.IndexOf($"#{hand.Id}:", StringComparison.Ordinal)..];
                block = block[block.IndexOf("*** SUMMARY ***", StringComparison.Ordinal)..];
                block = block[..(block.IndexOf("\n\n", StringComparison.Ordinal) is var end and > 0 ? end : block.Length)];
                var summary = new Dictionary<string, long>();
                foreach (var line in block.Split('\n'))
                {
                    var name = Regex.Match(line, @"^Seat \d+: (.+?) (?:\((?:button|small blind|big blind)\) )*(?:showed|collected|mucked|folded|lost)");
                    foreach (Match won in Regex.Matches(line, @"(?:won|collected) \(\$([\d.,]+)\)"))
                    {
                        summary[name.Groups[1].Value] = summary.GetValueOrDefault(name.Groups[1].Value) + (long)(decimal.Parse(won.Groups[1].Value, CultureInfo.InvariantCulture) * 100);
                    }
                }

                Assert.Equal(summary.OrderBy(kv => kv.Key), hand.Collected().OrderBy(kv => kv.Key));
                checkedHands++;
            }
        }

        Assert.Equal(529, checkedHands);
    }
}
