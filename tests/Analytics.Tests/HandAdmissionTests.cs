using PokerTracker.HandHistories.Model;
using PokerTracker.HandHistories.Parsing;
using PokerTracker.SessionApi.Hands;

namespace PokerTracker.Analytics.Tests;

/// <summary>What the importer refuses of the hands it reads: hands the player did not play, or dated where they cannot have.</summary>
public sealed class HandAdmissionTests
{
    [Fact]
    public async Task A_hand_without_a_hero_or_dated_outside_online_poker_is_refused_with_the_reason()
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Hands", "worked-examples.txt"));
        var hands = new List<Hand>();
        await foreach (var result in HandHistoryReader.Default.ReadAsync(reader))
        {
            hands.Add(result.Hand!);
        }

        var hand = hands[0];
        var now = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        Assert.Null(HandAdmission.Refusal(hand, now));
        Assert.Contains("no hero", HandAdmission.Refusal(hand with { Hero = null }, now), StringComparison.Ordinal);
        Assert.Contains("dated 1970-01-01, before", HandAdmission.Refusal(hand with { StartedAt = DateTimeOffset.UnixEpoch }, now), StringComparison.Ordinal);
        Assert.Contains("dated 2031-01-01, in the future", HandAdmission.Refusal(hand with { StartedAt = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero) }, now), StringComparison.Ordinal);
        Assert.Null(HandAdmission.Refusal(hand with { StartedAt = now.AddHours(20) }, now)); // a site's clock ahead of ours
    }
}
