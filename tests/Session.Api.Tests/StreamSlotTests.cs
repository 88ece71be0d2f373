using System.Net;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>The cap on a player's open live streams, and how a stream opened again after a drop counts against it.</summary>
[Collection(Engines.Collection)]
public sealed class StreamSlotTests(EnginesFixture engines)
{
    [Fact]
    public async Task Streams_per_player_are_limited()
    {
        using var limited = engines.CreateApi(("RateLimits:StreamsPerUser", "2"));
        using var player = limited.NewPlayer();
        await using var one = await SseReader.OpenAsync(player.Http, "/api/me/events");
        await using var two = await SseReader.OpenAsync(player.Http, "/api/me/events");
        await Task.Delay(200);
        using var third = await player.Http.GetAsync("/api/me/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_stream_opened_again_after_drops_takes_the_place_of_its_earlier_ones_not_more_slots()
    {
        using var limited = engines.CreateApi(("RateLimits:StreamsPerUser", "2"));
        using var player = limited.NewPlayer();
        // A phone's page connected four times, its Wi-Fi dropping in between: the server never heard the first three end.
        var again = new List<SseReader>();
        for (var i = 0; i < 4; i++)
        {
            again.Add(await SseReader.OpenAsync(player.Http, "/api/me/events", streamKey: "0b9c2f9e-page-one"));
            Assert.Equal(HttpStatusCode.OK, again[^1].Response.StatusCode);
        }

        try
        {
            // It holds one slot: another page still opens its stream, and then the cap of two is full.
            await using var other = await SseReader.OpenAsync(player.Http, "/api/me/events", streamKey: "5d1e7a20-page-two");
            Assert.Equal(HttpStatusCode.OK, other.Response.StatusCode);
            using var third = await player.Http.GetAsync("/api/me/events", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);

            // The streams it replaced end at their next renewal; the newest goes on.
            await Task.WhenAll(again[..3].Select(r => r.Ended)).WaitAsync(PokerTracker.SessionApi.Live.SseStream.Heartbeat * 2);
            Assert.False(again[3].Ended.IsCompleted);
        }
        finally
        {
            foreach (var reader in again)
            {
                await reader.DisposeAsync();
            }
        }
    }
}
