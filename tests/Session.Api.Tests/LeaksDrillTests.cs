using System.Text.Json.Nodes;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>The "my leaks" drill deals spots like the player's mistakes, from its first spot on.</summary>
[Collection(Engines.Collection)]
public sealed class LeaksDrillTests(EnginesFixture engines) : IDisposable
{
    private readonly ApiFactory _api = engines.CreateApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task The_first_spot_of_a_leaks_drill_is_like_a_past_mistake_as_often_as_the_others()
    {
        using var player = _api.NewPlayer();
        // A mistake remembered as a graded decision or a reviewed hand leaves it: AKo folded in the small blind at 10 bb.
        using (var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString))
        {
            await redis.GetDatabase().SortedSetAddAsync($"pt:training:leaks:{player.UserId}", "small-blind|10|AKo", 1);
        }

        // Seven first spots in ten are like it: in fifteen drills, none is like it once in 70 million.
        var firsts = new List<JsonNode>();
        for (var i = 0; i < 15; i++)
        {
            firsts.Add((await player.PostOkAsync("/api/training/sessions", new { drill = "leaks" }))["open"]!);
        }

        Assert.Contains(firsts, spot => spot["seat"]!.GetValue<string>() == "small-blind" && spot["handClass"]!.GetValue<string>() == "AKo"
            && spot["stack"]!.GetValue<double>() is >= 9.5 and <= 10.5);
    }
}
