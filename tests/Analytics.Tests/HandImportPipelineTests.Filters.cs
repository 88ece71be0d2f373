using System.Net;
using System.Text;

namespace PokerTracker.Analytics.Tests;

public sealed partial class HandImportPipelineTests
{
    [Fact]
    public async Task A_date_alone_in_a_hand_filter_is_the_whole_day_and_the_site_is_taken_in_any_case()
    {
        using var player = _api.NewPlayer();
        // 13:00 and 23:30 UTC on 3 May, 14:00 UTC on 4 May.
        DateTime[] times = [new(2024, 5, 3, 9, 0, 0), new(2024, 5, 3, 19, 30, 0), new(2024, 5, 4, 10, 0, 0)];
        var text = string.Join("\n\n\n", times.Select((t, i) => Walk(293000000001 + i, t)));
        await ImportAsync(player, Encoding.UTF8.GetBytes(text), "text/plain");
        await WaitForHeroHandsAsync(player, 3);

        async Task<long> Hands(string query) => (await player.GetAsync("/api/hands/stats" + query))["overall"]!["hands"]!.GetValue<long>();
        Assert.Equal(2, await Hands("?from=2024-05-03&to=2024-05-03"));
        Assert.Equal(1, await Hands("?from=2024-05-03&to=2024-05-03&timeZone=Asia/Tokyo")); // its 3 May ends at 15:00 UTC
        Assert.Equal(3, await Hands("?from=2024-05-03&to=2024-05-04"));
        Assert.Equal(3, await Hands("?site=pokerstars"));
        Assert.Equal(3, await Hands("?game=nlhe&position=bb"));
        Assert.Equal(2, (await player.GetAsync("/api/hands?to=2024-05-03"))["hands"]!.AsArray().Count);

        foreach (var wrong in new[] { "?to=yesterday", "?timeZone=Mars/Olympus", "?from=2024-05-04&to=2024-05-03" })
        {
            using var refused = await player.Http.GetAsync("/api/hands/stats" + wrong);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
    }
}
