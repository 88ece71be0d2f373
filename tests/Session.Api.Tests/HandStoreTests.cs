using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PokerTracker.SessionApi.Hands;
using PokerTracker.TestSupport;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Tests;

/// <summary>
/// Which hands a player imported is kept small in the store everybody shares: packed 64-bit hashes,
/// not the hands' keys; hands kept the first way still count as imported.
/// </summary>
[Collection(Engines.Collection)]
public sealed class HandStoreTests(EnginesFixture engines) : PipelineTest(engines)
{
    [Fact]
    public async Task Imported_hands_are_kept_as_packed_hashes_and_those_kept_as_keys_before_are_still_known()
    {
        using var player = Api.NewPlayer();
        using var redis = await ConnectionMultiplexer.ConnectAsync(Fixture.Redis.ConnectionString);
        var db = redis.GetDatabase();
        var evening = new DateTime(2024, 7, 1, 20, 0, 0);
        string Hand(long id) => SampleHands.Walk(id, evening.AddMinutes(id % 100), "Kept");

        Assert.Equal((3, 0), await ImportAsync(player, Hand(295000000001), Hand(295000000002), Hand(295000000003)));
        Assert.False(await db.KeyExistsAsync(HandStore.Imported(player.UserId)));
        foreach (var id in new[] { 295000000001L, 295000000002, 295000000003 })
        {
            var hash = HandStore.Hash($"PokerStars|{id}");
            Assert.True(await db.SetContainsAsync(HandStore.Bucket(player.UserId, hash), hash));
            Assert.Equal("intset", (await db.ExecuteAsync("OBJECT", "ENCODING", HandStore.Bucket(player.UserId, hash))).ToString());
        }

        // A hand imported when hands were kept by their keys, sent again with a new one: one new, one known.
        await db.SetAddAsync(HandStore.Imported(player.UserId), "PokerStars|295000000004");
        Assert.Equal((1, 1), await ImportAsync(player, Hand(295000000004), Hand(295000000005)));
        Assert.Equal((0, 2), await ImportAsync(player, Hand(295000000001), Hand(295000000005)));
        Assert.Equal(5, await Api.Services.GetRequiredService<HandStore>().CountAsync(player.UserId));
    }

    private static async Task<(int Imported, int Duplicates)> ImportAsync(PlayerClient player, params string[] hands)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join("\n\n\n", hands)));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var response = await player.Http.PostAsync("/api/hands/import", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var report = JsonNode.Parse(text)!;
        return (report["imported"]!.GetValue<int>(), report["duplicates"]!.GetValue<int>());
    }
}
